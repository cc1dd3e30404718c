// POST /api/webhooks/{sourceId} is served through a rewrite to a static route (next.config.ts),
// which reads the id from the path. In the production build: the contract's URL reaches the
// source, and no other path under /api/webhooks is a way in.
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { seed } from "./fixtures";

const event = () => ({
  type: "deal.updated",
  occurred_at: new Date().toISOString(),
  entity: { type: "deal", id: `ROUTE-${Date.now()}`, data: { title: "Route check", stage: "proposal", owner_id: "crm-member" } },
});

function signed(secret: string, id: string) {
  const text = JSON.stringify(event());
  const now = new Date();
  return {
    data: text,
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, now, text) },
  };
}

test("the webhook URL reaches its source, and only that URL does", async ({ request }) => {
  const { sourceId, secret, webhookUrl } = seed();
  expect(new URL(webhookUrl).pathname).toBe(`/api/webhooks/${sourceId}`);

  const accepted = await request.post(`/api/webhooks/${sourceId}`, signed(secret, `msg-route-${Date.now()}`));
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ duplicate: false });
  // The id may be sent percent-encoded, as any path segment may.
  const encoded = await request.post(`/api/webhooks/${sourceId.replaceAll("-", "%2D")}`, signed(secret, `msg-route-enc-${Date.now()}`));
  expect(encoded.status()).toBe(200);

  // The static route behind the rewrite has no source in its path: it answers as for an unknown id.
  for (const path of ["/api/webhooks", `/api/webhooks?sourceId=${sourceId}`]) {
    const response = await request.post(path, signed(secret, `msg-route-bare-${Date.now()}`));
    expect(response.status(), path).toBe(404);
    expect(await response.json(), path).toEqual({ error: "No webhook source has this id", code: "unknown_source" });
  }
  // A deeper path is not the contract's URL.
  const deeper = await request.post(`/api/webhooks/${sourceId}/extra`, { ...signed(secret, `msg-route-deep-${Date.now()}`), maxRedirects: 0 });
  expect(deeper.status()).toBe(404);
  // Only POST is served.
  const get = await request.get(`/api/webhooks/${sourceId}`, { maxRedirects: 0 });
  expect(get.status()).toBe(405);
});
