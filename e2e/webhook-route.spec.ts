// POST /api/webhooks/{sourceId} is served through a rewrite to a static route (next.config.ts),
// which reads the id from the path. In the production build: the contract's URL reaches the
// source, and no other path under /api/webhooks is a way in.
import { expect, test } from "@playwright/test";
import { seed } from "./fixtures";
import { postSignedEvent, signedEvent } from "./pages/webhooks";

const event = () => ({
  type: "deal.updated",
  occurred_at: new Date().toISOString(),
  entity: { type: "deal", id: `ROUTE-${Date.now()}`, data: { title: "Route check", stage: "proposal", owner_id: "crm-member" } },
});

test("the webhook URL reaches its source, and only that URL does", async ({ request }) => {
  const { sourceId, secret, webhookUrl } = seed();
  expect(new URL(webhookUrl).pathname).toBe(`/api/webhooks/${sourceId}`);

  const accepted = await postSignedEvent(request, `/api/webhooks/${sourceId}`, secret, event());
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ duplicate: false });
  // The id may be sent percent-encoded, as any path segment may.
  const encoded = await postSignedEvent(request, `/api/webhooks/${sourceId.replaceAll("-", "%2D")}`, secret, event());
  expect(encoded.status).toBe(200);

  // The static route behind the rewrite has no source in its path: it answers as for an unknown id.
  for (const path of ["/api/webhooks", `/api/webhooks?sourceId=${sourceId}`]) {
    const response = await postSignedEvent(request, path, secret, event());
    expect({ path, ...response }).toEqual({ path, status: 404, body: { error: "No webhook source has this id", code: "unknown_source" } });
  }
  // A deeper path is not the contract's URL.
  const deeper = await request.post(`/api/webhooks/${sourceId}/extra`, { ...signedEvent(secret, event()), maxRedirects: 0 });
  expect(deeper.status()).toBe(404);
  // Only POST is served.
  const get = await request.get(`/api/webhooks/${sourceId}`, { maxRedirects: 0 });
  expect(get.status()).toBe(405);
});
