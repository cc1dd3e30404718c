// The demo workspace's past events: native CRM bodies that, run through the real event path, give
// every history page something to show (runs that matched, one skipped by its condition, one
// failed, one failed and then retried). Ages are hours before the seed runs.

/** External ids of demo events start with this, on the demo source: how a re-seed finds them. */
export const DEMO_EVENT_PREFIX = "demo-history-";

export type DemoEvent = {
  key: string;
  hoursAgo: number;
  body: Record<string, unknown>;
  /** Recorded while the demo member's CRM id is not linked yet, then retried once it is. */
  retryAfterLinking?: true;
};

/** A deal.updated body: the deal as it is now and the old values of what changed, by its owner. */
function dealUpdated(id: string, title: string, data: Record<string, unknown>, previous: Record<string, unknown>) {
  return {
    type: "deal.updated",
    entity: { type: "deal", id, data: { title, currency: "EUR", status: "open", ...data } },
    previous,
    actor: { type: "user", id: data.owner_id },
  };
}

export const DEMO_EVENTS: readonly DemoEvent[] = [
  { key: "acme-negotiation", hoursAgo: 52, body: dealUpdated("D-1001", "Acme renewal", { stage: "negotiation", amount: 12000, owner_id: "crm-member" }, { stage: "proposal" }) },
  { key: "globex-won", hoursAgo: 47, body: dealUpdated("D-1002", "Globex pilot", { stage: "closed", amount: 8000, status: "won", owner_id: "crm-member" }, { status: "open" }) },
  { key: "initech-won", hoursAgo: 30, body: dealUpdated("D-1003", "Initech expansion", { stage: "closed", amount: 64000, status: "won", owner_id: "crm-admin" }, { status: "open" }) },
  {
    key: "lead-created",
    hoursAgo: 26,
    body: {
      type: "contact.created",
      entity: { type: "contact", id: "C-2001", data: { name: "Dana Scully", email: "dana@example.test", lifecycle_stage: "lead", owner_id: "crm-member" } },
      actor: { type: "user", id: "crm-member" },
    },
  },
  // Fails: nobody in the workspace has this CRM id.
  { key: "umbrella-negotiation", hoursAgo: 20, body: dealUpdated("D-1004", "Umbrella rollout", { stage: "negotiation", amount: 23000, owner_id: "crm-former-rep" }, { stage: "proposal" }) },
  {
    key: "stark-negotiation",
    hoursAgo: 6,
    retryAfterLinking: true,
    body: dealUpdated("D-1005", "Stark Industries upgrade", { stage: "negotiation", amount: 41000, owner_id: "crm-member" }, { stage: "proposal" }),
  },
];
