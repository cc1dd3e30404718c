// Picks the payload adapter for a webhook source's configured format.

import { nativeAdapter } from "./native";
import { pipedriveAdapter } from "./pipedrive";
import { supabaseAdapter } from "./supabase";
import type { PayloadAdapter, PayloadFormat } from "./types";

const ADAPTERS: Record<PayloadFormat, PayloadAdapter> = { native: nativeAdapter, supabase: supabaseAdapter, pipedrive: pipedriveAdapter };

export function getAdapter(format: PayloadFormat): PayloadAdapter {
  const adapter = ADAPTERS[format];
  if (!adapter) throw new Error(`Unknown payload format “${String(format)}”`);
  return adapter;
}

export { nativeAdapter, fromNativeBody } from "./native";
export { pipedriveAdapter } from "./pipedrive";
export { supabaseAdapter, supabaseBodySchema, diffRows } from "./supabase";
export * from "./types";
