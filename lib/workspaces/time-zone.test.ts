// The workspace time zone on both drivers: set at sign-up from the browser (unknown names become
// UTC), changed only by admins, and only to a zone the runtime knows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { makeTeam, makeUser } from "@/test/fixtures";
import { AppError } from "@/lib/result";
import { createWorkspace } from "./create-account";
import { getWorkspaceTimeZone, setWorkspaceTimeZone } from "./time-zone";

describe.each(TEST_DRIVERS)("the workspace time zone on %s", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => handle?.close());

  it("takes the browser's zone at sign-up, and UTC for anything it does not know", async () => {
    const db = handle.db;
    const user = await makeUser(db);
    const berlin = await createWorkspace(db, { name: "Berlin", adminId: user.id, timeZone: "Europe/Berlin" });
    const junk = await createWorkspace(db, { name: "Junk", adminId: user.id, timeZone: "Mars/Olympus_Mons" });
    const none = await createWorkspace(db, { name: "None", adminId: user.id });
    expect(await getWorkspaceTimeZone(db, berlin.id)).toBe("Europe/Berlin");
    expect(await getWorkspaceTimeZone(db, junk.id)).toBe("UTC");
    expect(await getWorkspaceTimeZone(db, none.id)).toBe("UTC");
  });

  it("lets an admin change it, and refuses members, outsiders and unknown zones", async () => {
    const db = handle.db;
    const team = await makeTeam(db);
    const workspaceId = team.workspace.id;
    expect(await setWorkspaceTimeZone(db, { claims: team.admin.claims, workspaceId, timeZone: "America/New_York" })).toBe("America/New_York");
    for (const who of [team.memberA, team.outsider]) {
      await expect(setWorkspaceTimeZone(db, { claims: who.claims, workspaceId, timeZone: "Asia/Tokyo" })).rejects.toMatchObject({ code: "forbidden" });
    }
    for (const timeZone of ["Nowhere/Special", "", "x".repeat(65)]) {
      const refused = await setWorkspaceTimeZone(db, { claims: team.admin.claims, workspaceId, timeZone }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "invalid_input", message: "Choose a time zone from the list" });
    }
    expect(await getWorkspaceTimeZone(db, workspaceId)).toBe("America/New_York");
  });
});
