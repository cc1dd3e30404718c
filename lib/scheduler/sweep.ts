// One scheduler sweep: for every active time-based automation, what is due at `now` becomes an
// internal event (origin `schedule`) run through the same engine and app.record_event as a webhook
// event, with the idempotency key (automation, entity, period) as its claim. A sweep that runs
// twice, on two processes at once or again after a crash therefore records each run once; an
// automation's sweep position moves on only once everything due up to it is recorded.

import { getFieldCatalog } from "@/lib/field-catalog/get-field-catalog";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loadWorkspaceDirectory } from "@/lib/actions/load-workspace-directory";
import { compileAutomation } from "@/lib/engine/compile-automation";
import type { InternalEventType, NormalizedEvent } from "@/lib/engine/event";
import type { Trigger } from "@/lib/automations/triggers";
import { ownerInfo } from "@/lib/runs/process-event";
import { recordEvent } from "@/lib/runs/record-event";
import { runAutomations } from "@/lib/runs/run-automations";
import { timeOrderedId } from "@/lib/time-ordered-id";
import { dueDateRelative, dueInactiveDeals, type DueEntity, type DueList } from "./due-entities";
import { loadTimeAutomations, type TimeAutomation } from "./load-time-automations";
import { latestOccurrence } from "./time-math";

export type SweepResult = { due: number; runs: number; failed: number };
export type SweepOptions = {
  now: Date;
  /** Only this workspace's automations (tests). */
  workspaceId?: string;
  /** Called after each recorded event (tests stop a sweep half-way through with it). */
  onRecorded?: (count: number) => void;
};

/** Internal events recorded at once: the write batcher groups them into a few transactions. */
/** A sweep is background work: its writes may wait longer than a webhook would for the write queue. */
const SWEEP_WRITE_DEADLINE_MS = 30_000;
const WRITE_CONCURRENCY = 128;

/** What is due for one automation now. */
async function dueFor(db: Db, automation: TimeAutomation, trigger: Trigger, now: Date): Promise<DueList> {
  if (trigger.type === "deal.inactive") return dueInactiveDeals(db, automation, trigger, now);
  if (trigger.type === "deal.date_relative" || trigger.type === "activity.date_relative") return dueDateRelative(db, automation, trigger, now);
  if (trigger.type === "schedule") return dueSchedule(automation, trigger.cron, now);
  return { due: [], sweptUntil: null };
}

/**
 * A schedule is due at its latest occurrence not yet fired after the switch-on: after downtime the
 * missed occurrences are caught up once, by the latest, not once each.
 */
function dueSchedule(automation: TimeAutomation, cron: string, now: Date): DueList {
  const occurrence = latestOccurrence(cron, automation.timeZone, now);
  const after = automation.sweptUntil && automation.sweptUntil > automation.activatedAt ? automation.sweptUntil : automation.activatedAt;
  if (!occurrence || occurrence <= after) return { due: [], sweptUntil: null };
  const period = String(occurrence.getTime());
  return {
    due: [{ entityId: "", data: {}, period, key: `schedule:${automation.id}::${period}`, reason: `scheduled for ${occurrence.toISOString()}`, dueAt: occurrence }],
    sweptUntil: occurrence,
  };
}

function internalEvent(automation: TimeAutomation, due: DueEntity): NormalizedEvent {
  const type = automation.triggerType as InternalEventType;
  const entityType = type === "schedule" ? "schedule" : type === "activity.date_relative" ? "activity" : "deal";
  return {
    type,
    occurredAt: due.dueAt.toISOString(),
    entity: { type: entityType, id: due.entityId, data: due.data },
    previous: null,
    due: { automationId: automation.id, period: due.period, reason: due.reason },
  };
}

/** Runs and records the automation's due entities; the number of runs recorded (claimed keys record none). */
async function recordDue(db: Db, automation: TimeAutomation, due: readonly DueEntity[], options: SweepOptions, counter: { recorded: number }): Promise<number> {
  if (due.length === 0) return 0;
  const automations = [automation];
  const { users } = await loadWorkspaceDirectory(db, automation.workspaceId);
  const catalog = await getFieldCatalog(db, automation.workspaceId);
  let runs = 0;
  const recordOne = async (entity: DueEntity) => {
    const eventId = timeOrderedId();
    const event = internalEvent(automation, entity);
    const planned = runAutomations({
      now: options.now,
      workspaceId: automation.workspaceId,
      eventId,
      event,
      automations,
      users,
      planOptions: { owner: ownerInfo(users, event), catalog },
      format: { locale: automation.locale, timeZone: automation.timeZone },
    });
    const result = await recordEvent(db, {
      eventId,
      workspaceId: automation.workspaceId,
      sourceId: null,
      externalId: entity.key,
      origin: "schedule",
      event,
      now: options.now,
      automationsStamp: null,
      triggerTypes: [],
      membersStamp: null,
      runs: planned.runs,
      effects: planned.effects,
    }, SWEEP_WRITE_DEADLINE_MS);
    if (result.status === "recorded") runs += planned.runs.length;
    options.onRecorded?.(++counter.recorded);
  };
  for (let start = 0; start < due.length; start += WRITE_CONCURRENCY) {
    await Promise.all(due.slice(start, start + WRITE_CONCURRENCY).map(recordOne));
  }
  return runs;
}

/** Moves the automation's sweep position on, unless it was switched off and on again meanwhile. */
async function advance(db: Db, automation: TimeAutomation, sweptUntil: Date, now: Date): Promise<void> {
  await db.execute(sql`update public.automations
    set swept_until = greatest(swept_until, ${sweptUntil.toISOString()}::timestamptz), swept_at = greatest(swept_at, ${now.toISOString()}::timestamptz)
    where id = ${automation.id}::uuid and activated_at is not distinct from ${automation.activatedAt.toISOString()}::timestamptz`);
}

/** One sweep at `now`. One automation's failure is logged and leaves the others to run. */
export async function sweepTimeTriggers(db: Db, options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { due: 0, runs: 0, failed: 0 };
  const counter = { recorded: 0 };
  for (const automation of await loadTimeAutomations(db, { workspaceId: options.workspaceId })) {
    const compiled = compileAutomation(automation);
    if (!compiled.trigger) continue;
    try {
      const list = await dueFor(db, automation, compiled.trigger.config, options.now);
      result.due += list.due.length;
      result.runs += await recordDue(db, automation, list.due, options, counter);
      if (list.sweptUntil) await advance(db, automation, list.sweptUntil, options.now);
    } catch (error) {
      result.failed++;
      console.error(`scheduler: automation ${automation.id} failed`, error);
    }
  }
  return result;
}
