// Issue 20 against `next start`: the fixes that live in headers, redirects and what a forged
// request can make the server call or show. The forged-host checks run on a second server started
// here without APP_URL (the default deployment), where the app used to build its own URL from the
// request's Host / X-Forwarded-Host headers.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_EMAIL, signIn } from "./fixtures";

const SECURITY_HEADERS = {
  "content-security-policy": "frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name], `${name} on ${what}`).toBe(value);
}

test.describe("security headers (item 11)", () => {
  test("every kind of response forbids framing and sniffing and limits the referrer", async ({ request }) => {
    const gets = ["/", "/sign-in", "/sign-up", "/api/health", "/api/runs", "/settings/webhooks", "/no-such-page"];
    for (const url of gets) {
      const response = await request.get(url, { maxRedirects: 0 });
      expectSecurityHeaders(response.headers(), `GET ${url} (${response.status()})`);
    }
    const webhook = await request.post("/api/webhooks/00000000-0000-4000-8000-000000000000", { data: "{}", headers: { "content-type": "application/json" } });
    expect(webhook.status()).toBe(404);
    expectSecurityHeaders(webhook.headers(), "POST /api/webhooks/{unknown}");
  });

  test("a page framed by another origin is refused by the browser", async ({ page, baseURL }) => {
    // setContent waits for the load event, which waits for the frame: loaded, or blocked by frame-ancestors.
    await page.setContent(`<iframe id="f" src="${baseURL}/sign-in"></iframe>`);
    await expect(page.frameLocator("#f").getByRole("button", { name: "Sign in" })).toHaveCount(0);
  });
});

async function locationFor(request: APIRequestContext, page: string, next: string): Promise<string> {
  const response = await request.get(`${page}?next=${next}`, { maxRedirects: 0 });
  expect(response.status(), `${page}?next=${next}`).toBe(307);
  return response.headers().location;
}

test.describe("open redirect after sign-in (item 2)", () => {
  const VARIANTS = ["/.//evil.example", "%2F.%2F%2Fevil.example", "/%2e//evil.example", "/..%2F%2Fevil.example", "/x/..//evil.example/path", "/.%2F%2Fevil.example", "/a/b/../..//evil.example"];

  test("a signed-in visitor to /sign-in or /sign-up is only ever sent within the app", async ({ page, baseURL }) => {
    await signIn(page, ADMIN_EMAIL);
    for (const pagePath of ["/sign-in", "/sign-up"]) {
      for (const next of VARIANTS) {
        const location = await locationFor(page.request, pagePath, next);
        expect(location.startsWith("//"), `${pagePath}?next=${next} → ${location}`).toBe(false);
        expect(new URL(location, baseURL).origin).toBe(new URL(baseURL!).origin);
      }
      expect(await locationFor(page.request, pagePath, "/activities")).toMatch(/\/activities$/);
    }
  });
});

test.describe("filters with values the database cannot take (item 9)", () => {
  test("answer 400 on the API and show the page without the filter, saying so", async ({ page }) => {
    await signIn(page, ADMIN_EMAIL);
    const api = await page.request.get("/api/runs?to=0000-01-01&entity=%00");
    expect(api.status()).toBe(400);
    expect(await api.json()).toMatchObject({ invalid: ["entity", "to"] });
    for (const url of ["/settings/logs?to=0000-01-01", "/settings/logs?entity=%00", "/settings/webhooks?from=0000-01-01", "/settings/webhooks?external=%00", "/settings/automations?q=%00"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByRole("main").getByRole("status").filter({ hasText: /invalid value/ })).toBeVisible();
    }
  });
});

// A second production server without APP_URL, and a listener standing in for an internal service.
const FORGED_PORT = 3211;
const FORGED_BASE = `http://127.0.0.1:${FORGED_PORT}`;
const FORGED_DIR = path.resolve(".data-e2e-security");

test.describe("forged Host and X-Forwarded-Host with APP_URL unset (item 1)", () => {
  let server: ChildProcess;
  let output = "";
  let internal: http.Server;
  const received: string[] = [];
  let internalHost = "";

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    internal = http.createServer((request, response) => {
      received.push(`${request.method} ${request.url}`);
      response.writeHead(418, { "content-type": "application/json" }).end(JSON.stringify({ error: "internal admin API answered" }));
    });
    await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
    internalHost = `127.0.0.1:${(internal.address() as AddressInfo).port}`;

    server = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/e2e-server.ts"], {
      env: { ...process.env, PORT: String(FORGED_PORT), E2E_DATA_DIR: FORGED_DIR, E2E_APP_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect
      .poll(async () => (await fetch(`${FORGED_BASE}/api/health`).catch(() => null))?.status ?? 0, { timeout: 150_000, intervals: [500] })
      .toBe(200);
  });

  test.afterAll(async () => {
    fs.writeFileSync(test.info().outputPath("forged-server.log"), output);
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise<void>((resolve) => internal.close(() => resolve()));
    fs.rmSync(FORGED_DIR, { recursive: true, force: true });
  });

  test("the production log warns that APP_URL is unset", () => {
    expect(output).toContain("APP_URL is not set");
  });

  test("'Send test event' calls no address the request names, and the endpoint shown is the configured one", async ({ browser }) => {
    const seed = JSON.parse(fs.readFileSync(path.join(FORGED_DIR, "seed.json"), "utf8")) as { sourceId: string };
    const context = await browser.newContext({ baseURL: FORGED_BASE });
    const page = await context.newPage();
    await signIn(page, ADMIN_EMAIL);
    const forged = { "x-forwarded-host": internalHost, "x-forwarded-proto": "http", origin: `http://${internalHost}` };

    // The page, fetched as the attacker does, names the configured address, never the forged one.
    const html = await (await page.request.get("/settings/webhooks", { headers: forged })).text();
    expect(html).toContain(`http://localhost:${FORGED_PORT}/api/webhooks/${seed.sourceId}`);
    expect(html).not.toContain(internalHost);

    // One click in the browser: the action's request, to replay with forged headers.
    await page.goto("/settings/webhooks");
    const main = page.getByRole("main");
    const [action] = await Promise.all([
      page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
      main.getByRole("button", { name: "Send test event" }).first().click(),
    ]);
    await expect(main.getByText(/Test event accepted \(200\)/)).toBeVisible();

    // The attacker's client sends the same action with Host-derived headers (and an Origin that
    // agrees with them, which passes Next's own CSRF check): nothing may reach the listener.
    const headers = Object.fromEntries(Object.entries(await action.allHeaders()).filter(([name]) => !["host", "cookie", "content-length", "origin"].includes(name)));
    const replay = await page.request.post("/settings/webhooks", { headers: { ...headers, ...forged }, data: action.postDataBuffer() ?? "" });
    const answer = await replay.text();
    expect(answer).toContain("Test event accepted (200)");
    expect(answer).not.toContain("refused (418)");
    expect(received).toEqual([]);
    await context.close();
  });

  test("pages fetched with a forged Host never show it", async ({ request }) => {
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const response = await request.get(`${FORGED_BASE}/sign-in`, { headers: forged });
    expect(response.status()).toBe(200);
    expect(await response.text()).not.toContain("evil.example");
    // The proxy's redirect of a visitor without a session stays relative.
    const redirect = await request.get(`${FORGED_BASE}/settings/webhooks`, { headers: forged, maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers().location).toMatch(/^\/sign-in\?next=/);
  });
});
