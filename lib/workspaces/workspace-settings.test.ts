import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { pgErrorCode } from "@/db/pg-error";
import { workspaces } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { AppError } from "@/lib/result";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { createWorkspace } from "./create-account";
import { getWorkspaceSettings, updateWorkspaceSettings } from "./workspace-settings";

type Team = Awaited<ReturnType<typeof makeTeam>>;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(TEST_DRIVERS)("workspace settings on %s", (driver) => {
  let handle: DbHandle;
  let team: Team;

  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    team = await makeTeam(handle.db);
  });

  async function storedLocale(id: string): Promise<string | undefined> {
    const [row] = await handle.db.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, id));
    return row?.locale;
  }

  it("starts in the locale chosen at sign-up, else en-US", async () => {
    expect(await getWorkspaceSettings(handle.db, { claims: team.memberA.claims, workspaceId: team.workspace.id })).toEqual({ locale: "en-US" });
    const german = await createWorkspace(handle.db, { name: "DE", adminId: team.admin.id, locale: "de-DE" });
    expect(await getWorkspaceSettings(handle.db, { claims: team.admin.claims, workspaceId: german.id })).toEqual({ locale: "de-DE" });
  });

  it("lets an admin change the locale", async () => {
    const saved = await updateWorkspaceSettings(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id, input: { locale: "fr-FR" } });
    expect(saved).toEqual({ locale: "fr-FR" });
    expect(await storedLocale(team.workspace.id)).toBe("fr-FR");
    expect(await getWorkspaceSettings(handle.db, { claims: team.memberB.claims, workspaceId: team.workspace.id })).toEqual({ locale: "fr-FR" });
  });

  it("refuses members and admins of other workspaces, changing nothing", async () => {
    for (const user of [team.memberA, team.outsider]) {
      const error = await rejection(updateWorkspaceSettings(handle.db, { claims: user.claims, workspaceId: team.workspace.id, input: { locale: "de-DE" } }));
      expect(error.code).toBe("forbidden");
    }
    expect(await storedLocale(team.workspace.id)).toBe("en-US");
  });

  it.each([[{ locale: "xx-YY" }], [{ locale: 5 }], [{}], [null], ["de-DE"]])("refuses the input %j with a message on the field", async (input) => {
    const error = await rejection(updateWorkspaceSettings(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id, input }));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors).toEqual({ locale: "Choose one of the listed formats" });
    expect(await storedLocale(team.workspace.id)).toBe("en-US");
  });

  it("is out of reach of anonymous callers, and the database refuses locales off the list", async () => {
    const seen = await withUser(handle.db, null, (tx) => tx.select({ locale: workspaces.locale }).from(workspaces));
    expect(seen).toEqual([]);
    const updated = await withUser(handle.db, null, (tx) => tx.update(workspaces).set({ locale: "de-DE" }).returning({ id: workspaces.id })).catch(() => []);
    expect(updated).toEqual([]);
    const refused = await handle.db.update(workspaces).set({ locale: "xx-YY" }).where(eq(workspaces.id, team.workspace.id)).then(() => null, (error: unknown) => error);
    expect(pgErrorCode(refused)).toBe("23514");
    // An outsider reading another workspace's settings sees the default, not theirs.
    await updateWorkspaceSettings(handle.db, { claims: team.admin.claims, workspaceId: team.workspace.id, input: { locale: "de-DE" } });
    expect(await getWorkspaceSettings(handle.db, { claims: team.outsider.claims, workspaceId: team.workspace.id })).toEqual({ locale: "en-US" });
  });
});
