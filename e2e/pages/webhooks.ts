import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";

/** /settings/webhooks, /activities, /notifications and the header bell, as a person uses them. */
export class WebhooksPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/settings/webhooks");
    await expect(this.page.getByRole("heading", { name: "Webhook sources", level: 1 })).toBeVisible();
  }

  async createSource(name: string, format: "Native (Standard Webhooks)" | "Supabase Database Webhook" | "Pipedrive (webhooks v2)" = "Native (Standard Webhooks)"): Promise<Locator> {
    const form = this.page.getByRole("form", { name: "Add a webhook source" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Payload format").selectOption({ label: format });
    await form.getByRole("button", { name: "Create source" }).click();
    await expect(form.getByRole("status")).toContainText(`Created “${name}”`);
    const source = this.source(name);
    await expect(source).toBeVisible();
    return source;
  }

  source(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** Clicks a copy button and returns what landed on the clipboard. */
  async copy(source: Locator, what: "secret" | "endpoint URL" | "user name" | "password", sourceName: string): Promise<string> {
    const button = source.getByRole("button", { name: `Copy the ${what} of ${sourceName}` });
    await button.click();
    await expect(button).toHaveText("Copied");
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Deletes a source (after its confirmation) and waits for its card to go. */
  async deleteSource(name: string): Promise<void> {
    const source = this.source(name);
    await source.getByRole("button", { name: "Delete", exact: true }).click();
    await source.getByRole("group", { name: `Delete ${name}` }).getByRole("button", { name: "Yes, delete" }).click();
    await expect(source).toHaveCount(0);
  }
}

/** Posts a native event signed with the `standardwebhooks` reference implementation. */
/** A delivery of `body` signed with `secret` (Standard Webhooks, a fresh message id): request.post's options. */
export function signedEvent(secret: string, body: unknown) {
  const text = JSON.stringify(body);
  const id = `msg_${crypto.randomUUID()}`;
  const now = new Date();
  return {
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, now, text),
    },
    data: text,
  };
}

export async function postSignedEvent(request: APIRequestContext, url: string, secret: string, body: unknown) {
  const response = await request.post(url, signedEvent(secret, body));
  return { status: response.status(), body: (await response.json()) as { duplicate: boolean; runs: Array<{ automationName: string; status: string }> } };
}

export function bell(page: Page): Locator {
  return page.getByRole("banner").getByRole("link", { name: /^Notifications, / });
}

/** A signed `deal.updated` moving a deal to Negotiation (the seeded automation's trigger), owned by `ownerId`: its runs. */
export async function postNegotiationEvent(request: APIRequestContext, webhookUrl: string, secret: string, dealId: string, ownerId: string) {
  const response = await postSignedEvent(request, webhookUrl, secret, {
    type: "deal.updated",
    occurred_at: new Date().toISOString(),
    entity: { type: "deal", id: dealId, data: { title: `Deal ${dealId}`, stage: "negotiation", amount: 1000, currency: "EUR", status: "open", owner_id: ownerId } },
    previous: { stage: "proposal" },
  });
  expect(response.status).toBe(200);
  return response.body.runs;
}
