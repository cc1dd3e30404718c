// The outbound secret (created on first need, rotated by admins only) and the mailbox listing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { mailboxMessages } from "@/db/schema";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { listMailbox } from "./list-mailbox";
import { getOutboundSecret, readOutboundSecret, rotateOutboundSecret } from "./outbound-secret";

describe.each(TEST_DRIVERS)("outbound secret and mailbox on %s", (driver) => {
  let handle: DbHandle;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  beforeAll(async () => {
    handle = await createTestDb(driver);
    team = await makeTeam(handle.db);
  });
  afterAll(() => handle?.close());

  it("creates one secret per workspace on first need, the same for the sender and the admin", async () => {
    const first = await getOutboundSecret(handle.db, team.workspace.id);
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(await getOutboundSecret(handle.db, team.workspace.id)).toBe(first);
    expect((await readOutboundSecret(handle.db, team.admin.claims, team.workspace.id)).secret).toBe(first);
    expect(await getOutboundSecret(handle.db, team.other.id)).not.toBe(first);
  });

  it("lets an admin rotate it and refuses members and outsiders", async () => {
    const before = await getOutboundSecret(handle.db, team.workspace.id);
    const rotated = await rotateOutboundSecret(handle.db, team.admin.claims, team.workspace.id);
    expect(rotated).not.toBe(before);
    expect(await getOutboundSecret(handle.db, team.workspace.id)).toBe(rotated);
    await expect(rotateOutboundSecret(handle.db, team.memberA.claims, team.workspace.id)).rejects.toThrow(/Failed query/);
    await expect(rotateOutboundSecret(handle.db, team.outsider.claims, team.workspace.id)).rejects.toThrow(/Failed query/);
    await expect(readOutboundSecret(handle.db, team.memberA.claims, team.workspace.id)).rejects.toThrow(/Failed query/);
    expect(await getOutboundSecret(handle.db, team.workspace.id)).toBe(rotated);
  });

  it("lists the kept emails newest first to admins, nothing to members", async () => {
    const base = { workspaceId: team.workspace.id, to: "a@example.test", text: "T", reason: "not delivered: no SMTP server configured" };
    await handle.db.insert(mailboxMessages).values([
      { ...base, subject: "Older", createdAt: new Date("2026-12-01T10:00:00Z") },
      { ...base, subject: "Newer", createdAt: new Date("2026-12-02T10:00:00Z") },
      { ...base, workspaceId: team.other.id, subject: "Elsewhere" },
    ]);
    expect((await listMailbox(handle.db, team.admin.claims, { workspaceId: team.workspace.id })).map((m) => m.subject)).toEqual(["Newer", "Older"]);
    expect(await listMailbox(handle.db, team.memberA.claims, { workspaceId: team.workspace.id })).toEqual([]);
    expect(await listMailbox(handle.db, team.outsider.claims, { workspaceId: team.workspace.id })).toEqual([]);
  });
});
