// Old signing secrets after rotations: each keeps verifying for its own 24 hours, however often the
// secret is rotated in between (at most MAX_OLD_SECRETS at once). The previous secret has its own
// columns; the ones retired before it live in `older_secrets` (drizzle/0025).

export type RetiredSecret = { secret: string; expiresAt: string };
export type SecretSlots = { previousSecret: string | null; previousSecretExpiresAt: Date | null; olderSecrets: readonly RetiredSecret[] };

/** Old secrets valid at once: the previous one and up to this many minus one older ones. */
export const MAX_OLD_SECRETS = 5;

/** The older secrets still valid at `now`, the latest to expire first; malformed entries are dropped. */
export function liveOlderSecrets(olderSecrets: unknown, now: Date): RetiredSecret[] {
  if (!Array.isArray(olderSecrets)) return [];
  return olderSecrets
    .filter((entry): entry is RetiredSecret => typeof entry?.secret === "string" && typeof entry?.expiresAt === "string")
    .filter((entry) => Date.parse(entry.expiresAt) > now.getTime())
    .sort((a, b) => Date.parse(b.expiresAt) - Date.parse(a.expiresAt));
}

/** `older_secrets` after a rotation: the previous secret, if still valid, joins the older ones. */
export function retirePrevious(slots: SecretSlots, now: Date): RetiredSecret[] {
  const older = liveOlderSecrets(slots.olderSecrets, now);
  const { previousSecret, previousSecretExpiresAt } = slots;
  if (previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > now) {
    older.unshift({ secret: previousSecret, expiresAt: previousSecretExpiresAt.toISOString() });
  }
  return older.slice(0, MAX_OLD_SECRETS - 1);
}

/** Every secret that verifies at `now`: the current one, the previous one and the older ones in their windows. */
export function secretsValidAt(current: string, slots: SecretSlots, now: Date): string[] {
  const secrets = [current];
  if (slots.previousSecret && slots.previousSecretExpiresAt && slots.previousSecretExpiresAt > now) secrets.push(slots.previousSecret);
  for (const entry of liveOlderSecrets(slots.olderSecrets, now)) secrets.push(entry.secret);
  return secrets;
}
