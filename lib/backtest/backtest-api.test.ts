// backtestWorkflowAutomation through the real GraphQL route: the plan's input form, the counts,
// match links only where the caller may open the event, bad input refused, nothing written.
import { describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, events } from "@/db/schema";
import { codeOf, gql, tokenFor, useApiServer } from "@/lib/graphql/test-support";
import { ingestWebhook } from "@/lib/webhooks/ingest-webhook";
import { dealEvent, insertSource, signedRequest } from "@/lib/webhooks/test-support";
import { makeTeam } from "@/test/fixtures";
import { TEST_DRIVERS } from "@/test/db";

const BACKTEST = `mutation($input: WorkflowAutomationInput!, $days: Int) {
  backtestWorkflowAutomation(input: $input, days: $days) {
    scanned triggered passed partial limits
    actions { type count people }
    matches { eventId entityId passed }
    rejections { condition rejected of }
  }
}`;

const INPUT = {
  name: "Big negotiations",
  trigger: { type: "deal_stage_changed", stage_id: "negotiation" },
  condition: { field: "amount", operator: ">", value: 10000 },
  action: { type: "create_activity", subject: "Follow up", due_in_days: 2 },
};

describe.each(TEST_DRIVERS)("backtestWorkflowAutomation on %s", (driver) => {
  let db: Db;
  let url: string;
  useApiServer(driver, (ctx) => {
    db = ctx.handle.db;
    url = ctx.url;
  });

  it("answers the counts for the plan's input form, links only what the caller may open, and writes nothing", async () => {
    const team = await makeTeam(db);
    const source = await insertSource(db, team.workspace.id);
    for (const amount of [5_000, 20_000, 30_000]) {
      const response = await ingestWebhook(db, { request: signedRequest(source.id, dealEvent({ amount }), { secret: source.secret }), sourceId: source.id, now: new Date() });
      expect(response.status).toBe(200);
    }
    const admin = await tokenFor(db, team.admin, team.workspace.id);
    const member = await tokenFor(db, team.memberB, team.workspace.id);
    const tally = async () => [(await db.select({ n: count() }).from(events))[0].n, (await db.select({ n: count() }).from(automationRuns))[0].n];
    const before = await tally();

    const asAdmin = await gql(url, BACKTEST, { input: INPUT, days: 30 }, { token: admin });
    expect(asAdmin.body.errors).toBeUndefined();
    const result = asAdmin.body.data!.backtestWorkflowAutomation as { scanned: number; triggered: number; passed: number; partial: boolean; matches: Array<{ eventId: string | null }>; rejections: unknown[]; actions: unknown[]; limits: string[] };
    expect(result).toMatchObject({ scanned: 3, triggered: 3, passed: 2, partial: false });
    expect(result.actions).toEqual([{ type: "create_activity", count: 2, people: 1 }]);
    expect(result.rejections).toEqual([{ condition: "Amount is greater than 10,000", rejected: 1, of: 3 }]);
    expect(result.matches.every((m) => m.eventId !== null)).toBe(true);
    expect(result.limits.length).toBeGreaterThan(0);

    const asMember = (await gql(url, BACKTEST, { input: INPUT, days: null }, { token: member })).body.data!.backtestWorkflowAutomation as typeof result;
    expect(asMember.triggered).toBe(3);
    expect(asMember.matches.every((m) => m.eventId === null)).toBe(true);
    expect(await tally()).toEqual(before);
  });

  it("refuses a window other than 7, 30 or null, and invalid input, with BAD_USER_INPUT", async () => {
    const team = await makeTeam(db);
    const admin = await tokenFor(db, team.admin, team.workspace.id);
    expect(codeOf(await gql(url, BACKTEST, { input: INPUT, days: 12 }, { token: admin }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(url, BACKTEST, { input: { ...INPUT, condition: { field: "amount", operator: ">", value: "lots" } }, days: 7 }, { token: admin }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(url, BACKTEST, { input: INPUT, days: 7 }))).toBe("UNAUTHENTICATED");
  });
});
