import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, inboundDeliveries } from "@/db/schema";
import { appBaseUrl, appUrlWarning } from "@/lib/app-url";
import { parseEnv, resetEnvCache } from "@/lib/env";
import { TEST_DRIVERS } from "@/test/db";
import { makeWebhookWorld, sendTestEventAsAdmin, useRouteTestDb } from "../test-support";
import { sendTestEvent } from "./send-test-event";

// Issue 20 item 1: "Send test event" used to POST over HTTP to a base URL built from the request's
// Host / X-Forwarded-Host, so a forged header made the server call an address of the sender's
// choosing and show the reply. It now goes through the route's ingestion in-process: a listener on
// the port the app would fall back to (PORT, with APP_URL unset) must receive nothing.
describe.each(TEST_DRIVERS)("send test event on %s", (driver) => {
  let db: Db;
  useRouteTestDb(driver, (handle) => {
    db = handle.db;
  });

  let listener: http.Server;
  let received = 0;
  const saved = { PORT: process.env.PORT, APP_URL: process.env.APP_URL };
  beforeAll(async () => {
    listener = http.createServer((request, response) => {
      received++;
      response.writeHead(418).end("I am the internal admin API");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    process.env.PORT = String((listener.address() as AddressInfo).port);
    delete process.env.APP_URL;
    resetEnvCache();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
  });

  it("ingests the sample event in-process: the canonical automation runs, no HTTP request is made", async () => {
    const world = await makeWebhookWorld(db);
    const result = await sendTestEventAsAdmin(db, world);
    expect(result).toMatchObject({ status: 200, duplicate: false, runs: [{ automationName: "Negotiation follow-up", status: "succeeded", error: null }] });
    expect(received).toBe(0);
    const [event] = await db.select({ externalId: events.externalId }).from(events).where(eq(events.sourceId, world.source.id));
    expect(event.externalId).toMatch(/^test_/);
    const logged = await db.select({ outcome: inboundDeliveries.outcome }).from(inboundDeliveries).where(eq(inboundDeliveries.sourceId, world.source.id));
    expect(logged).toEqual([{ outcome: "accepted" }]);
  });

  it("refuses members and other workspaces' admins, and sends nothing for them", async () => {
    const world = await makeWebhookWorld(db);
    const base = { sourceId: world.source.id, now: new Date() };
    await expect(
      sendTestEvent(db, { ...base, claims: world.memberA.claims, workspaceId: world.workspace.id, userId: world.memberA.id, userEmail: world.memberA.email }),
    ).rejects.toThrow("Webhook source not found");
    await expect(
      sendTestEvent(db, { ...base, claims: world.outsider.claims, workspaceId: world.other.id, userId: world.outsider.id, userEmail: world.outsider.email }),
    ).rejects.toThrow("Webhook source not found");
    await expect(
      sendTestEvent(db, { ...base, sourceId: "127.0.0.1:4567/internal", claims: world.admin.claims, workspaceId: world.workspace.id, userId: world.admin.id, userEmail: world.admin.email }),
    ).rejects.toThrow("Webhook source not found");
    expect(received).toBe(0);
    expect(await db.select({ id: events.id }).from(events).where(eq(events.sourceId, world.source.id))).toEqual([]);
  });
});

describe("the app's base URL", () => {
  it("is APP_URL, without a trailing slash, whatever a request says", () => {
    expect(appBaseUrl(parseEnv({ APP_URL: "https://crm.example.com/", PORT: "8080" } as unknown as NodeJS.ProcessEnv))).toBe("https://crm.example.com");
  });

  it("falls back to localhost and PORT, with a warning in production only", () => {
    const production = parseEnv({ NODE_ENV: "production", PORT: "8080" } as unknown as NodeJS.ProcessEnv);
    expect(appBaseUrl(production)).toBe("http://localhost:8080");
    expect(appUrlWarning(production)).toMatch(/^APP_URL is not set: .*http:\/\/localhost:8080/);
    expect(appUrlWarning(parseEnv({ NODE_ENV: "development" } as unknown as NodeJS.ProcessEnv))).toBeNull();
    expect(appUrlWarning(parseEnv({ NODE_ENV: "production", APP_URL: "https://crm.example.com" } as unknown as NodeJS.ProcessEnv))).toBeNull();
  });
});
