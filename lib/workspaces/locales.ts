// The locales a workspace can choose: the format its members type numbers in (and, later, how
// templates render them). Pure, shared by the browser and the server; the database checks the
// same list (drizzle/0020_workspace_locale.sql).

import { z } from "zod";

export const WORKSPACE_LOCALES = [
  { id: "en-US", label: "English (United States)" },
  { id: "en-GB", label: "English (United Kingdom)" },
  { id: "de-DE", label: "German" },
  { id: "fr-FR", label: "French" },
  { id: "es-ES", label: "Spanish" },
  { id: "it-IT", label: "Italian" },
  { id: "nl-NL", label: "Dutch" },
  { id: "pt-BR", label: "Portuguese (Brazil)" },
] as const;

export type WorkspaceLocale = (typeof WORKSPACE_LOCALES)[number]["id"];

export const DEFAULT_LOCALE: WorkspaceLocale = "en-US";

const IDS = WORKSPACE_LOCALES.map((locale) => locale.id) as [WorkspaceLocale, ...WorkspaceLocale[]];

export const workspaceLocaleSchema = z.enum(IDS, { error: "Choose one of the listed formats" });

/**
 * The supported locale closest to a browser's language ("de-AT" → "de-DE", "en" → "en-US"), or
 * the default. Used once, at sign-up; admins change it afterwards.
 */
export function localeFromBrowser(language: string | null | undefined): WorkspaceLocale {
  const wanted = (language ?? "").trim().toLowerCase();
  if (!wanted) return DEFAULT_LOCALE;
  const exact = IDS.find((id) => id.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split("-")[0];
  return IDS.find((id) => id.toLowerCase().startsWith(`${base}-`)) ?? DEFAULT_LOCALE;
}

export function localeLabel(locale: string): string {
  return WORKSPACE_LOCALES.find((entry) => entry.id === locale)?.label ?? locale;
}
