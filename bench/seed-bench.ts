// Seeds the benchmark workspace: two members whose CRM ids own the deals, a native source, and the
// 1,000 workload automations; plus the baseline route's table.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automations, webhookSources, workspaceMembers } from "@/db/schema";
import { automationInputSchema } from "@/lib/automations/schema";
import { createUser, createWorkspace } from "@/lib/workspaces/create-account";
import { generateWebhookSecret } from "@/lib/webhooks/secrets";
import type { Webhook } from "standardwebhooks";
import { benchAutomations, benchEventBody } from "./workload";

export const BENCH_OWNERS = ["crm-bench-admin", "crm-bench-member"] as const;

export async function seedBench(db: Db, automationCount = 1000): Promise<{ sourceId: string; secret: string; workspaceId: string; adminId: string }> {
  const stamp = Date.now().toString(36);
  const admin = await createUser(db, { email: `bench-admin-${stamp}@bench.test`, passwordHash: null });
  const member = await createUser(db, { email: `bench-member-${stamp}@bench.test`, passwordHash: null });
  const workspace = await createWorkspace(db, { name: "Benchmark", adminId: admin.id, adminCrmUserId: BENCH_OWNERS[0] });
  await db.insert(workspaceMembers).values({ workspaceId: workspace.id, userId: member.id, role: "member", crmUserId: BENCH_OWNERS[1] });
  const secret = generateWebhookSecret();
  const [source] = await db
    .insert(webhookSources)
    .values({ workspaceId: workspace.id, name: "Benchmark CRM", format: "native", secret })
    .returning({ id: webhookSources.id });
  const rows = benchAutomations(automationCount).map((definition, i) => {
    const input = automationInputSchema.parse(definition);
    return {
      workspaceId: workspace.id,
      ownerId: i % 2 === 0 ? admin.id : member.id,
      name: input.name,
      trigger: input.trigger,
      triggerType: input.trigger.type,
      conditions: input.conditions,
      actions: input.actions,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insert(automations).values(rows.slice(i, i + 200));
  await db.execute(sql`create table if not exists bench_baseline (
    id bigserial primary key, entity_id text not null, payload jsonb not null, created_at timestamptz not null default now())`);
  return { sourceId: source.id, secret, workspaceId: workspace.id, adminId: admin.id };
}

/** The i-th benchmark delivery, signed (Standard Webhooks) with a webhook-id unique to `idPrefix`. */
export function signedBenchDelivery(signer: Webhook, random: () => number, i: number, idPrefix: string) {
  const body = JSON.stringify(benchEventBody(random, i, BENCH_OWNERS));
  const id = `${idPrefix}_${i}`;
  const now = new Date();
  return {
    body,
    headers: { "webhook-id": id, "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": signer.sign(id, now, body) },
  };
}
