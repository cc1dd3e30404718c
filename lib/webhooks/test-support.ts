// Helpers for the webhook integration tests: a workspace with a source and the canonical
// automation, and real signed Requests for the route handler. Signatures are made with the
// `standardwebhooks` package, an implementation independent of ours.

import { afterAll, beforeAll } from "vitest";
import { Webhook } from "standardwebhooks";
import type { Db, DbHandle } from "@/db/client";
import { automations, webhookSources } from "@/db/schema";
import { automationInputSchema, type AutomationFormValues } from "@/lib/automations/schema";
import { makeTeam } from "@/test/fixtures";
import { createTestDb, type TestDriver } from "@/test/db";
import { POST } from "@/app/api/webhooks/route";
import { setRouteDbForTests } from "./route-db";
import type { PayloadFormat } from "./adapters/types";
import { generateBasicUsername, generateSourceSecret } from "./secrets";
import { sendTestEvent } from "./sources/send-test-event";

/**
 * A suite's database: a fresh one opened before the suite and handed to the route handler (which
 * would otherwise open the process's own), closed after it. `ready` receives it, to set `db`.
 */
export function useRouteTestDb(driver: TestDriver, ready: (handle: DbHandle) => void): void {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDb(driver);
    setRouteDbForTests(handle);
    ready(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });
}

export const CANONICAL: AutomationFormValues = {
  name: "Negotiation follow-up",
  trigger: { type: "deal.stage_changed", to: "negotiation" },
  conditions: null,
  actions: [
    {
      type: "create_activity",
      config: { subject: "Follow up on {{deal.title}}", activityType: "call", dueInDays: 2, assignee: { kind: "deal_owner" } },
    },
    { type: "notify_user", config: { to: { kind: "deal_owner" }, message: "{{deal.title}} moved to Negotiation" } },
  ],
};

export async function insertAutomation(db: Db, workspaceId: string, ownerId: string, definition: AutomationFormValues = CANONICAL, isActive = true) {
  const input = automationInputSchema.parse(definition);
  const [row] = await db
    .insert(automations)
    .values({
      workspaceId,
      ownerId,
      name: input.name,
      trigger: input.trigger,
      triggerType: input.trigger.type,
      conditions: input.conditions,
      actions: input.actions,
      isActive,
    })
    .returning({ id: automations.id });
  return row.id;
}

/** A source of a format with fresh credentials (`username`: a Pipedrive source's Basic user name) and optional settings. */
export async function insertSource(db: Db, workspaceId: string, format: PayloadFormat = "native", settings: Record<string, unknown> = {}) {
  const secret = generateSourceSecret(format);
  const username = format === "pipedrive" ? generateBasicUsername() : null;
  const [row] = await db
    .insert(webhookSources)
    .values({ workspaceId, name: `CRM ${format}`, format, secret, basicUsername: username, settings })
    .returning({ id: webhookSources.id });
  return { id: row.id, secret, username };
}

/** A team (see test/fixtures.ts) with a native source and the canonical automation, owned by the admin. */
export async function makeWebhookWorld(db: Db) {
  const team = await makeTeam(db);
  const source = await insertSource(db, team.workspace.id);
  const automationId = await insertAutomation(db, team.workspace.id, team.admin.id);
  return { ...team, source, automationId };
}

let sequence = 0;

export function dealEvent(overrides: { owner?: string; stage?: string; previousStage?: string; title?: string; causation?: unknown; amount?: number } = {}) {
  return {
    type: "deal.updated",
    occurred_at: "2026-11-25T10:00:00Z",
    entity: {
      type: "deal",
      id: `D-${1000 + ++sequence}`,
      data: {
        title: overrides.title ?? "Acme renewal",
        stage: overrides.stage ?? "negotiation",
        amount: overrides.amount ?? 12000,
        currency: "EUR",
        status: "open",
        owner_id: overrides.owner ?? "crm-a",
      },
    },
    previous: { stage: overrides.previousStage ?? "proposal" },
    actor: { type: "user", id: "crm-a" },
    ...(overrides.causation ? { causation: overrides.causation } : {}),
  };
}

export type SignedRequestOptions = {
  secret: string;
  id?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  contentType?: string | null;
  headers?: Record<string, string | null>;
  /** Replace the body after signing (to prove one changed byte fails). */
  tamper?: (body: string) => string;
  /** The path posted to, instead of the contract's /api/webhooks/{sourceId} (to prove other paths find no source). */
  path?: string;
};

export function signedRequest(sourceId: string, body: unknown, options: SignedRequestOptions): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = new Webhook(options.secret).sign(id, new Date(timestamp * 1000), text);
  const headers: Record<string, string> = {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature,
  };
  if (options.contentType !== null) headers["content-type"] = options.contentType ?? "application/json";
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  return new Request(`http://localhost${options.path ?? `/api/webhooks/${sourceId}`}`, {
    method: "POST",
    headers,
    body: options.tamper ? options.tamper(text) : text,
  });
}

/** Posts to the route handler; the source id is in the request's URL, as next.config.ts's rewrite leaves it. */
export async function post(request: Request): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await POST(request);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** "Send test event" on the world's source, pressed by its admin. */
export function sendTestEventAsAdmin(db: Db, world: Awaited<ReturnType<typeof makeWebhookWorld>>) {
  return sendTestEvent(db, {
    claims: world.admin.claims,
    workspaceId: world.workspace.id,
    sourceId: world.source.id,
    userId: world.admin.id,
    userEmail: world.admin.email,
    now: new Date(),
  });
}
