// The export document: `{ "format": "crm-automations", "version": 1, "automations": [...] }`, each
// automation in the stored form without ids, active state or member ids. Members travel as
// `{ "kind": "member", "email": … }` and are matched on import; webhook header values as REDACTED.

export const EXPORT_FORMAT = "crm-automations";
export const EXPORT_VERSION = 1;
export const REDACTED = "<redacted>";
/** An import file or paste larger than this is refused before it is parsed. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_AUTOMATIONS = 500;

export type ExportedAutomation = { name: string; description: string | null; trigger: unknown; conditions: unknown; actions: unknown[] };
export type ExportDocument = { format: typeof EXPORT_FORMAT; version: typeof EXPORT_VERSION; exportedAt: string; automations: ExportedAutomation[] };

type Recipient = { kind?: unknown; userId?: unknown; email?: unknown };

/** Rewrites every `{ kind: "member", … }` object found in an action's config (one level deep, as the registry shapes them). */
export function mapMemberRecipients(actions: unknown[], map: (recipient: Recipient, path: string) => Recipient): unknown[] {
  return actions.map((action, index) => {
    const { type, config } = (action ?? {}) as { type?: unknown; config?: Record<string, unknown> };
    if (!config || typeof config !== "object") return action;
    const next: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
      const recipient = value as Recipient | null;
      next[key] = recipient && typeof recipient === "object" && recipient.kind === "member" ? map(recipient, `actions.${index}.config.${key}`) : value;
    }
    return { type, config: next };
  });
}

/** Paths of webhook header values, with a rewrite of each value. */
export function mapHeaderValues(actions: unknown[], map: (value: string, path: string) => string): unknown[] {
  return actions.map((action, i) => {
    const { type, config } = (action ?? {}) as { type?: unknown; config?: { headers?: Array<{ name: string; value: string }> } };
    if (type !== "send_webhook" || !Array.isArray(config?.headers)) return action;
    return { type, config: { ...config, headers: config.headers.map((h, j) => ({ ...h, value: map(String(h.value ?? ""), `actions.${i}.config.headers.${j}.value`) })) } };
  });
}
