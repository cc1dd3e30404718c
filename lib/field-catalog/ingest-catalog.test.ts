// The workspace's catalog on the webhook path, end to end through the route handler: stages sent by
// id or label in any case are stored and evaluated as the workspace's stage ids, custom fields
// drive conditions, and a catalog change made by another process is picked up through the stamp.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, events, pipelineStages, pipelines } from "@/db/schema";
import { insertAutomation, insertSource, post, signedRequest, useRouteTestDb } from "@/lib/webhooks/test-support";
import { TEST_DRIVERS } from "@/test/db";
import { makeTeam } from "@/test/fixtures";
import { createAutomation } from "@/lib/automations/create-automation";
import { automationInputSchema, automationInputSchemaFor } from "@/lib/automations/schema";
import { getFieldCatalog } from "./get-field-catalog";
import { saveCustomField } from "./manage-fields";
import { savePipeline } from "./manage-pipelines";

function dealMoved(id: string, stage: unknown, previousStage: unknown, extra: Record<string, unknown> = {}) {
  return {
    type: "deal.updated",
    occurred_at: "2026-11-25T10:00:00Z",
    entity: { type: "deal", id, data: { title: "Acme", stage, amount: 5000, status: "open", owner_id: "crm-a", ...extra } },
    previous: { stage: previousStage },
  };
}

const NOTIFY = [{ type: "notify_user" as const, config: { to: { kind: "automation_owner" as const }, message: "{{deal.title}} reached {{deal.stage}}" } }];

describe.each(TEST_DRIVERS)("the field catalog on the webhook path, on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  async function storedStage(eventId: unknown) {
    const [row] = await db.select({ payload: events.payload }).from(events).where(eq(events.id, String(eventId)));
    const payload = row.payload as { entity: { data: { stage: unknown } }; previous: { stage: unknown } };
    return [payload.entity.data.stage, payload.previous.stage];
  }

  it("matches the built-in stages by label in any case, and stores the id", async () => {
    const team = await makeTeam(db);
    const source = await insertSource(db, team.workspace.id);
    const automationId = await insertAutomation(db, team.workspace.id, team.admin.id, { name: "Contracts", trigger: { type: "deal.stage_changed", to: "contract_sent" }, conditions: null, actions: NOTIFY });
    const { status, body } = await post(signedRequest(source.id, dealMoved("D-1", "Contract sent", "NEGOTIATION"), { secret: source.secret }));
    expect(status).toBe(200);
    expect(body.runs).toMatchObject([{ automationId, status: "succeeded" }]);
    expect(await storedStage(body.eventId)).toEqual(["contract_sent", "negotiation"]);
  });

  it("uses the workspace's pipelines (numeric ids) and custom fields, and follows changes", async () => {
    const team = await makeTeam(db);
    const scope = { claims: team.admin.claims, workspaceId: team.workspace.id };
    const source = await insertSource(db, team.workspace.id);
    await savePipeline(db, { ...scope, input: { name: "Sales", stages: [{ id: "1", label: "Lead in" }, { id: "3", label: "Contract sent" }] } });
    await saveCustomField(db, { ...scope, input: { entity: "deal", key: "tier", label: "Tier", type: "choice", options: [{ value: "gold", label: "Gold" }] } });
    const definition = {
      name: "Gold contracts",
      trigger: { type: "deal.stage_changed", to: "Contract sent" },
      conditions: { kind: "group", match: "all", conditions: [{ kind: "condition", field: "deal.tier", operator: "equals", value: "gold" }] },
      actions: NOTIFY,
    };
    // The built-in catalog knows no “Tier”; the workspace's does, and stores the stage's id.
    expect(automationInputSchema.safeParse(definition).success).toBe(false);
    const input = automationInputSchemaFor(await getFieldCatalog(db, team.workspace.id)).parse(definition);
    expect(input.trigger).toEqual({ type: "deal.stage_changed", to: "3" });
    const created = await createAutomation(db, { ...scope, input });

    const gold = await post(signedRequest(source.id, dealMoved("D-2", 3, "lead in", { tier: "gold" }), { secret: source.secret }));
    expect(gold.body.runs).toMatchObject([{ automationId: created.id, status: "succeeded" }]);
    expect(await storedStage(gold.body.eventId)).toEqual(["3", "1"]);
    const silver = await post(signedRequest(source.id, dealMoved("D-3", "Contract Sent", "1", { tier: "silver" }), { secret: source.secret }));
    expect(silver.body.runs).toMatchObject([{ automationId: created.id, status: "skipped" }]);

    // Another process renames the stage's label, writing past this process's caches: the stamp
    // that each event's write checks moves, so the next event reads the new catalog.
    const [pipeline] = await db.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.workspaceId, team.workspace.id));
    await db.update(pipelineStages).set({ label: "Signature pending" }).where(and(eq(pipelineStages.pipelineId, pipeline.id), eq(pipelineStages.stageKey, "3")));
    const renamed = await post(signedRequest(source.id, dealMoved("D-4", "signature PENDING", "1", { tier: "gold" }), { secret: source.secret }));
    expect(renamed.body.runs).toMatchObject([{ automationId: created.id, status: "succeeded" }]);
    const [run] = await db.select({ trace: automationRuns.trace }).from(automationRuns).where(eq(automationRuns.eventId, String(renamed.body.eventId)));
    expect(run.trace).toMatchObject({ trigger: { matched: true } });
  });
});
