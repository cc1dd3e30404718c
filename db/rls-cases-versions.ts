import { eq } from "drizzle-orm";
import { automationVersions, workspaceTemplates } from "./schema";
import { DENIED, NONE, ONE, visibility, write, type RlsCase } from "./rls-cases";
import type { World } from "./rls-world";

const TRIGGER = { type: "deal.created" };

function version(w: World, automation: "autoA" | "autoB" | "autoOther", authorId: string) {
  const workspaceId = automation === "autoOther" ? w.other.id : w.workspace.id;
  return { automationId: w.ids[automation], workspaceId, version: 2, name: "v2", trigger: TRIGGER, actions: [], authorId };
}

export const versionCases: RlsCase[] = [
  // Versions follow their automation: whoever sees it reads them; whoever edits it adds them, as themselves.
  ...visibility("automation_versions", (tx) => tx.select({ id: automationVersions.automationId }).from(automationVersions), {
    memberA: ["autoA"],
    memberB: ["autoB"],
    admin: ["autoA", "autoAdmin", "autoB"],
    outsider: ["autoOther"],
    anon: [],
  }),
  write("automation_versions", "memberA", "records a version of their own automation", ONE, (tx, w) =>
    tx.insert(automationVersions).values(version(w, "autoA", w.users.memberA.id)).returning({ id: automationVersions.automationId }),
  ),
  write("automation_versions", "memberA", "cannot record a version of a workspace-mate's automation", DENIED, (tx, w) =>
    tx.insert(automationVersions).values(version(w, "autoB", w.users.memberA.id)).returning({ id: automationVersions.automationId }),
  ),
  write("automation_versions", "memberA", "cannot record a version in someone else's name", DENIED, (tx, w) =>
    tx.insert(automationVersions).values(version(w, "autoA", w.users.memberB.id)).returning({ id: automationVersions.automationId }),
  ),
  write("automation_versions", "admin", "records a version of a member's automation", ONE, (tx, w) =>
    tx.insert(automationVersions).values(version(w, "autoB", w.users.admin.id)).returning({ id: automationVersions.automationId }),
  ),
  write("automation_versions", "outsider", "cannot record a version of another workspace's automation", DENIED, (tx, w) =>
    tx.insert(automationVersions).values(version(w, "autoA", w.users.outsider.id)).returning({ id: automationVersions.automationId }),
  ),
  write("automation_versions", "admin", "cannot rewrite a version", DENIED, (tx, w) =>
    tx.update(automationVersions).set({ summary: "rewritten" }).where(eq(automationVersions.automationId, w.ids.autoA)).returning({ id: automationVersions.automationId }),
  ),
  write("automation_versions", "memberA", "cannot delete a version", DENIED, (tx, w) =>
    tx.delete(automationVersions).where(eq(automationVersions.automationId, w.ids.autoA)).returning({ id: automationVersions.automationId }),
  ),
  write("automation_versions", "anon", "cannot record a version", DENIED, (tx, w) =>
    tx.insert(automationVersions).values(version(w, "autoA", w.users.memberA.id)).returning({ id: automationVersions.automationId }),
  ),

  // Workspace templates: every member reads the workspace's; admins write them.
  ...visibility("workspace_templates", (tx) => tx.select({ id: workspaceTemplates.id }).from(workspaceTemplates), {
    memberA: ["tplTeam"],
    memberB: ["tplTeam"],
    admin: ["tplTeam"],
    outsider: ["tplOther"],
    anon: [],
  }),
  write("workspace_templates", "admin", "saves a workspace template", ONE, (tx, w) =>
    tx.insert(workspaceTemplates).values({ workspaceId: w.workspace.id, name: "New", definition: {} }).returning({ id: workspaceTemplates.id }),
  ),
  write("workspace_templates", "memberA", "cannot save a workspace template", DENIED, (tx, w) =>
    tx.insert(workspaceTemplates).values({ workspaceId: w.workspace.id, name: "New", definition: {} }).returning({ id: workspaceTemplates.id }),
  ),
  write("workspace_templates", "memberA", "cannot delete a workspace template", NONE, (tx, w) =>
    tx.delete(workspaceTemplates).where(eq(workspaceTemplates.id, w.ids.tplTeam)).returning({ id: workspaceTemplates.id }),
  ),
  write("workspace_templates", "admin", "deletes a workspace template", ONE, (tx, w) =>
    tx.delete(workspaceTemplates).where(eq(workspaceTemplates.id, w.ids.tplTeam)).returning({ id: workspaceTemplates.id }),
  ),
  write("workspace_templates", "outsider", "cannot save a template in another workspace", DENIED, (tx, w) =>
    tx.insert(workspaceTemplates).values({ workspaceId: w.workspace.id, name: "New", definition: {} }).returning({ id: workspaceTemplates.id }),
  ),
  write("workspace_templates", "anon", "cannot save a template", DENIED, (tx, w) =>
    tx.insert(workspaceTemplates).values({ workspaceId: w.workspace.id, name: "New", definition: {} }).returning({ id: workspaceTemplates.id }),
  ),
];
