import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSources, workspaceMembers } from "@/db/schema";
import { withUser } from "@/db/with-user";
import { ingestWebhook } from "../ingest-webhook";
import { readSupabaseMapping } from "../adapters/supabase-mapping";
import { sampleEvent, signedDelivery } from "../sample-event";
import { sourceIdSchema } from "./schemas";
import { sourceNotFound, type SourceScope } from "./scope";

export type SendTestEventParams = SourceScope & { sourceId: string; userId: string; userEmail: string; now: Date };

/** Makes a valid Request only: ingestion is given the source id and never reads this URL, and nothing is sent. */
const IN_PROCESS_URL = "http://in-process.invalid/api/webhooks/";

export type TestEventResult = {
  status: number;
  duplicate?: boolean;
  runs: Array<{ automationName: string | null; status: string; error: string | null }>;
  error?: string;
};

/**
 * Hands a signed sample event (a deal of the admin's moved to Negotiation) to the webhook route's
 * own ingestion function, in-process, so it takes exactly the steps a CRM's delivery takes (signature,
 * parsing, engine, writes, delivery log) without any network call, and reports what it answered.
 * No URL is involved: nothing a request says can make the server call another address.
 */
export async function sendTestEvent(db: Db, params: SendTestEventParams): Promise<TestEventResult> {
  if (!sourceIdSchema.safeParse(params.sourceId).success) throw sourceNotFound();
  // The admin's own lookup, under row-level security; ingestion then runs as the route does (service path).
  const found = await withUser(db, params.claims, async (tx) => {
    const [source] = await tx
      .select({
        id: webhookSources.id,
        format: webhookSources.format,
        secret: webhookSources.secret,
        basicUsername: webhookSources.basicUsername,
        settings: webhookSources.settings,
      })
      .from(webhookSources)
      .where(and(eq(webhookSources.id, params.sourceId), eq(webhookSources.workspaceId, params.workspaceId)));
    const [me] = await tx
      .select({ crmUserId: workspaceMembers.crmUserId })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.userId, params.userId)));
    return source ? { source, crmUserId: me?.crmUserId ?? null } : null;
  });
  if (!found) throw sourceNotFound();
  const { source, crmUserId } = found;
  const id = `test_${crypto.randomUUID()}`;
  const options = { owner: crmUserId ?? params.userEmail, dealId: `TEST-${id.slice(5, 13)}`, title: "Test deal (sent from the Webhooks page)" };
  const body = sampleEvent(source.format, options, params.now, readSupabaseMapping(source.settings));
  const delivery = signedDelivery({ format: source.format, secret: source.secret, username: source.basicUsername, body, id, now: params.now });
  const request = new Request(`${IN_PROCESS_URL}${source.id}`, { method: "POST", headers: delivery.headers, body: delivery.body });
  const response = await ingestWebhook(db, { request, sourceId: source.id, now: params.now, origin: "test" });
  const answer = (await response.json().catch(() => ({}))) as {
    duplicate?: boolean;
    error?: string;
    runs?: Array<{ automationName?: string | null; status: string; error?: string | null }>;
  };
  return {
    status: response.status,
    duplicate: answer.duplicate,
    error: answer.error,
    runs: (answer.runs ?? []).map((run) => ({ automationName: run.automationName ?? null, status: run.status, error: run.error ?? null })),
  };
}
