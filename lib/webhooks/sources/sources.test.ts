import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { dealEvent, post, signedRequest, useRouteTestDb } from "../test-support";
import { createSource } from "./create-source";
import { deleteSource } from "./delete-source";
import { listSources } from "./list-sources";
import { rotateSourceSecret } from "./rotate-source-secret";
import { setSourceActive } from "./set-source-active";

describe.each(TEST_DRIVERS)("webhook sources on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  it("lets an admin create, list, rotate and disable a source; its deliveries are listed newest first", async () => {
    const team = await makeTeam(db);
    const scope = { claims: team.admin.claims, workspaceId: team.workspace.id };
    const { id } = await createSource(db, { ...scope, input: { name: "HubSpot", format: "native" } });
    let [source] = await listSources(db, { ...scope, now: new Date() });
    expect(source).toMatchObject({ id, name: "HubSpot", format: "native", isActive: true, previousSecretExpiresAt: null, deliveries: [] });
    expect(source.secret).toMatch(/^whsec_/);

    await post(signedRequest(id, "{", { secret: source.secret }));
    await post(signedRequest(id, dealEvent(), { secret: source.secret }));
    const now = new Date();
    await rotateSourceSecret(db, { ...scope, sourceId: id, now });
    await setSourceActive(db, { ...scope, sourceId: id, isActive: false, now });
    const previousSecret = source.secret;
    [source] = await listSources(db, { ...scope, now });
    expect(source.secret).not.toBe(previousSecret);
    expect(source.isActive).toBe(false);
    expect(source.previousSecretExpiresAt?.getTime()).toBe(now.getTime() + 24 * 3600 * 1000);
    expect(source.deliveries.map((d) => [d.outcome, d.httpStatus])).toEqual([["accepted", 200], ["rejected", 400]]);
    // Past the grace period the page stops mentioning the previous secret.
    [source] = await listSources(db, { ...scope, now: new Date(now.getTime() + 25 * 3600 * 1000) });
    expect(source.previousSecretExpiresAt).toBeNull();
  });

  it("refuses members and other workspaces' admins", async () => {
    const team = await makeTeam(db);
    const { id } = await createSource(db, { claims: team.admin.claims, workspaceId: team.workspace.id, input: { name: "CRM", format: "supabase" } });
    const member = { claims: team.memberA.claims, workspaceId: team.workspace.id };
    await expect(createSource(db, { ...member, input: { name: "Mine", format: "native" } })).rejects.toThrow("Only admins of this workspace can add webhook sources");
    expect(await listSources(db, { ...member, now: new Date() })).toEqual([]);
    await expect(rotateSourceSecret(db, { ...member, sourceId: id, now: new Date() })).rejects.toThrow("Webhook source not found");
    const outsider = { claims: team.outsider.claims, workspaceId: team.other.id };
    await expect(setSourceActive(db, { ...outsider, sourceId: id, isActive: false, now: new Date() })).rejects.toThrow("Webhook source not found");
    await expect(setSourceActive(db, { ...outsider, sourceId: "nope", isActive: false, now: new Date() })).rejects.toThrow("Webhook source not found");
    const [source] = await listSources(db, { claims: team.admin.claims, workspaceId: team.workspace.id, now: new Date() });
    expect(source.isActive).toBe(true);
  });

  it("deletes a source that received no event, with its delivery log; refuses one that did, and members", async () => {
    const team = await makeTeam(db);
    const admin = { claims: team.admin.claims, workspaceId: team.workspace.id };
    const { id } = await createSource(db, { ...admin, input: { name: "Pipedrive", format: "pipedrive" } });
    const used = await createSource(db, { ...admin, input: { name: "Used", format: "native" } });
    const [usedSource] = (await listSources(db, { ...admin, now: new Date() })).filter((s) => s.id === used.id);
    expect((await post(signedRequest(used.id, dealEvent(), { secret: usedSource.secret }))).status).toBe(200);
    await post(signedRequest(id, "{", { secret: "whsec_AAAA" })); // a rejected delivery: logged, no event

    await expect(deleteSource(db, { claims: team.memberA.claims, workspaceId: team.workspace.id, sourceId: id })).rejects.toThrow("Webhook source not found");
    await expect(deleteSource(db, { claims: team.outsider.claims, workspaceId: team.other.id, sourceId: id })).rejects.toThrow("Webhook source not found");
    await expect(deleteSource(db, { ...admin, sourceId: used.id })).rejects.toThrow("“Used” received 1 event: disable it instead, so their history stays");

    expect(await deleteSource(db, { ...admin, sourceId: id })).toEqual({ name: "Pipedrive" });
    expect((await listSources(db, { ...admin, now: new Date() })).map((s) => s.name)).toEqual(["Used"]);
    expect((await post(signedRequest(id, dealEvent(), { secret: "whsec_AAAA" }))).status).toBe(404);
    await expect(deleteSource(db, { ...admin, sourceId: id })).rejects.toThrow("Webhook source not found");
  });
});
