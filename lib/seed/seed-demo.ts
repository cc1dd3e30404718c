import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { authUsers, automations, webhookSources, workspaceMembers, workspaces } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { automationInputSchema } from "@/lib/automations/schema";
import { createUser, ensureProfile } from "@/lib/workspaces/create-account";
import { generateWebhookSecret, webhookUrl } from "@/lib/webhooks/secrets";
import { DEMO_AUTOMATIONS } from "./demo-automations";
import { clearDemoHistory, seedDemoHistory } from "./seed-demo-history";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_USERS = [
  { email: "admin@demo.test", role: "admin", crmUserId: "crm-admin" },
  { email: "member@demo.test", role: "member", crmUserId: "crm-member" },
] as const;
const SOURCE_NAME = "Demo CRM";

export interface SeedResult {
  workspaceId: string;
  sourceId: string;
  webhookUrl: string;
  secret: string;
  users: Array<{ email: string; password: string; role: "admin" | "member"; id: string; crmUserId: string }>;
}

export type SeedOptions = {
  /** Write the demo history (default true); false leaves the workspace without one. */
  history?: boolean;
  now?: Date;
};

/**
 * Creates or refreshes the demo workspace. Idempotent: users keep their ids, the source keeps its
 * secret, the sample automations are reset to their defined state, and the demo history (a few
 * past events and their runs) is replaced, or removed when `history` is false.
 */
export async function seedDemo(db: Db, baseUrl: string, options: SeedOptions = {}): Promise<SeedResult> {
  const result = await seedWorkspace(db, baseUrl);
  const [admin, member] = result.users;
  const scope = { workspaceId: result.workspaceId, sourceId: result.sourceId };
  if (options.history === false) {
    await clearDemoHistory(db, scope);
  } else {
    await seedDemoHistory(db, { ...scope, admin, member, now: options.now ?? new Date() });
  }
  return result;
}

/** Users, workspace, members, source and automations, in one transaction. */
async function seedWorkspace(db: Db, baseUrl: string): Promise<SeedResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const users: SeedResult["users"] = [];
    for (const demo of DEMO_USERS) {
      const [existing] = await tx.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, demo.email));
      let id: string;
      if (existing) {
        id = existing.id;
        await tx.update(authUsers).set({ encryptedPassword: passwordHash }).where(eq(authUsers.id, id));
        await ensureProfile(tx, { id, email: demo.email });
      } else {
        id = (await createUser(tx, { email: demo.email, passwordHash })).id;
      }
      users.push({ email: demo.email, password: DEMO_PASSWORD, role: demo.role, id, crmUserId: demo.crmUserId });
    }
    const admin = users[0];

    const [found] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .innerJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
      .where(and(eq(workspaces.name, "Demo"), eq(workspaceMembers.userId, admin.id), eq(workspaceMembers.role, "admin")))
      .limit(1);
    const workspaceId = found?.id ?? (await tx.insert(workspaces).values({ name: "Demo" }).returning())[0].id;

    for (const user of users) {
      await tx
        .insert(workspaceMembers)
        .values({ workspaceId, userId: user.id, role: user.role, crmUserId: user.crmUserId })
        .onConflictDoUpdate({
          target: [workspaceMembers.workspaceId, workspaceMembers.userId],
          set: { role: user.role, crmUserId: user.crmUserId },
        });
    }

    let [source] = await tx
      .select({ id: webhookSources.id, secret: webhookSources.secret })
      .from(webhookSources)
      .where(and(eq(webhookSources.workspaceId, workspaceId), eq(webhookSources.name, SOURCE_NAME)));
    if (!source) {
      [source] = await tx
        .insert(webhookSources)
        .values({ workspaceId, name: SOURCE_NAME, format: "native", secret: generateWebhookSecret() })
        .returning({ id: webhookSources.id, secret: webhookSources.secret });
    } else {
      await tx.update(webhookSources).set({ isActive: true, format: "native" }).where(eq(webhookSources.id, source.id));
    }

    for (const { ownedBy, ...definition } of DEMO_AUTOMATIONS) {
      const input = automationInputSchema.parse(definition);
      const ownerId = ownedBy === "admin" ? admin.id : users[1].id;
      const values = {
        workspaceId,
        ownerId,
        name: input.name,
        description: input.description ?? null,
        trigger: input.trigger,
        triggerType: input.trigger.type,
        conditions: input.conditions,
        actions: input.actions,
        isActive: true,
        consecutiveFailures: 0,
        disabledReason: null,
      };
      const [existing] = await tx
        .select({ id: automations.id, version: automations.version })
        .from(automations)
        .where(and(eq(automations.workspaceId, workspaceId), eq(automations.name, input.name)));
      if (existing) {
        await tx
          .update(automations)
          .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
          .where(eq(automations.id, existing.id));
      } else {
        await tx.insert(automations).values(values);
      }
    }

    return { workspaceId, sourceId: source.id, webhookUrl: webhookUrl(baseUrl, source.id), secret: source.secret, users };
  });
}
