// Rotating a source's secret twice within 24 hours: every old secret keeps verifying until its own
// window ends, and then stops. Through the real ingestion with signed requests, both drivers.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TEST_DRIVERS } from "@/test/db";
import { ingestWebhook } from "../ingest-webhook";
import { MAX_OLD_SECRETS, retirePrevious, secretsValidAt } from "../retired-secrets";
import { dealEvent, makeWebhookWorld, signedRequest, useRouteTestDb } from "../test-support";
import { listSources } from "./list-sources";
import { rotateSourceSecret } from "./rotate-source-secret";

const HOUR = 3_600_000;

describe.each(TEST_DRIVERS)("rotating a source's secret twice on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("keeps both old secrets valid until each one's 24 hours end", async () => {
    const world = await makeWebhookWorld(db);
    const scope = { claims: world.admin.claims, workspaceId: world.workspace.id, sourceId: world.source.id };
    const start = new Date();
    const first = world.source.secret;
    await rotateSourceSecret(db, { ...scope, now: start });
    const [afterOne] = await listSources(db, { ...scope, now: start });
    const second = afterOne.secret;
    await rotateSourceSecret(db, { ...scope, now: new Date(start.getTime() + HOUR) });
    const [afterTwo] = await listSources(db, { ...scope, now: new Date(start.getTime() + HOUR) });
    const current = afterTwo.secret;
    expect(afterTwo.previousSecretExpiresAt?.getTime()).toBe(start.getTime() + 25 * HOUR);
    expect(afterTwo.olderSecretsExpireAt.map((at) => at.getTime())).toEqual([start.getTime() + 24 * HOUR]);

    const status = async (secret: string, at: number) => {
      const now = new Date(start.getTime() + at);
      const request = signedRequest(world.source.id, dealEvent(), { secret, timestamp: Math.floor(now.getTime() / 1000) });
      return (await ingestWebhook(db, { request, sourceId: world.source.id, now })).status;
    };
    expect([await status(first, 2 * HOUR), await status(second, 2 * HOUR), await status(current, 2 * HOUR)]).toEqual([200, 200, 200]);
    // The first secret's window ends 24 hours after the first rotation; the second's an hour later.
    expect([await status(first, 24.5 * HOUR), await status(second, 24.5 * HOUR), await status(current, 24.5 * HOUR)]).toEqual([401, 200, 200]);
    expect([await status(second, 25.5 * HOUR), await status(current, 25.5 * HOUR)]).toEqual([401, 200]);
    const [later] = await listSources(db, { ...scope, now: new Date(start.getTime() + 24.5 * HOUR) });
    expect(later.olderSecretsExpireAt).toEqual([]);
  });
});

describe("retired secrets", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

  it(`keeps at most ${MAX_OLD_SECRETS} old secrets, dropping the one that would expire first`, () => {
    let slots = { previousSecret: null as string | null, previousSecretExpiresAt: null as Date | null, olderSecrets: [] as { secret: string; expiresAt: string }[] };
    let current = "s0";
    for (let i = 1; i <= MAX_OLD_SECRETS + 2; i++) {
      const rotatedAt = at(i);
      slots = { olderSecrets: retirePrevious(slots, rotatedAt), previousSecret: current, previousSecretExpiresAt: at(i + 24) };
      current = `s${i}`;
    }
    const valid = secretsValidAt(current, slots, at(MAX_OLD_SECRETS + 3));
    expect(valid).toEqual(["s7", "s6", "s5", "s4", "s3", "s2"]);
  });

  it("ignores expired and malformed entries", () => {
    const slots = {
      previousSecret: "p",
      previousSecretExpiresAt: at(-1),
      olderSecrets: [{ secret: "old", expiresAt: at(-2).toISOString() }, { secret: "live", expiresAt: at(3).toISOString() }, { nope: 1 }] as never,
    };
    expect(secretsValidAt("c", slots, now)).toEqual(["c", "live"]);
    expect(retirePrevious(slots, now)).toEqual([{ secret: "live", expiresAt: at(3).toISOString() }]);
  });
});
