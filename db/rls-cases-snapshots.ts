import { eq } from "drizzle-orm";
import { entitySnapshots } from "./schema";
import { DENIED, visibility, write, type RlsCase } from "./rls-cases";

// Entity snapshots are written by app.record_event on the service path; members read their
// workspace's (the editor counts entities already past a time-based trigger's mark).
export const snapshotCases: RlsCase[] = [
  ...visibility("entity_snapshots", (tx) => tx.select({ id: entitySnapshots.entityId }).from(entitySnapshots), {
    memberA: ["snapshotTeam"],
    memberB: ["snapshotTeam"],
    admin: ["snapshotTeam"],
    outsider: ["snapshotOther"],
    anon: [],
  }),
  write("entity_snapshots", "admin", "cannot write a snapshot as a user", DENIED, (tx, w) => {
    const at = new Date();
    return tx
      .insert(entitySnapshots)
      .values({ workspaceId: w.workspace.id, entityType: "deal", entityId: "forged", data: {}, lastOccurredAt: at, lastActivityAt: at, open: true, updatedAt: at })
      .returning({ id: entitySnapshots.entityId });
  }),
  write("entity_snapshots", "memberA", "cannot move a deal's last activity", DENIED, (tx, w) =>
    tx.update(entitySnapshots).set({ lastActivityAt: new Date() }).where(eq(entitySnapshots.entityId, w.ids.snapshotTeam)).returning({ id: entitySnapshots.entityId }),
  ),
  write("entity_snapshots", "anon", "cannot delete a snapshot", DENIED, (tx, w) =>
    tx.delete(entitySnapshots).where(eq(entitySnapshots.entityId, w.ids.snapshotTeam)).returning({ id: entitySnapshots.entityId }),
  ),
  write("entity_snapshots", "outsider", "cannot delete another workspace's snapshot", DENIED, (tx, w) =>
    tx.delete(entitySnapshots).where(eq(entitySnapshots.entityId, w.ids.snapshotTeam)).returning({ id: entitySnapshots.entityId }),
  ),
];
