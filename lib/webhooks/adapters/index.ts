// Picks the payload adapter for a webhook source's configured format.

import { nativeAdapter } from "./native";
import { supabaseAdapter } from "./supabase";
import type { PayloadAdapter, PayloadFormat } from "./types";

const ADAPTERS: Record<PayloadFormat, PayloadAdapter> = { native: nativeAdapter, supabase: supabaseAdapter };

export function getAdapter(format: PayloadFormat): PayloadAdapter {
  const adapter = ADAPTERS[format];
  if (!adapter) throw new Error(`Unknown payload format “${String(format)}”`);
  return adapter;
}

export { nativeAdapter, fromNativeBody } from "./native";
export { supabaseAdapter, supabaseBodySchema, diffRows, SUPABASE_TABLES } from "./supabase";
export * from "./types";
