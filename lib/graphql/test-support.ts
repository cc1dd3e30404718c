// For the API's integration tests: the real route handler behind a real HTTP server on a free
// port, and a fetch-based client, so requests go over the wire as any GraphQL client's do.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "@/db/client";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { startUserSession } from "@/lib/auth/user-sessions";
import { signSessionToken } from "@/lib/auth/jwt";
import { authSecret } from "@/lib/auth/secret";
import { resetEnvCache } from "@/lib/env";
import { setRouteDbForTests } from "@/lib/webhooks/route-db";
import type { TestUser } from "@/test/fixtures";
import { createTestDb, type TestDriver } from "@/test/db";

type Handler = (request: Request) => Promise<Response>;

/** An HTTP server that hands each request to a fetch-API handler (the route's GET/POST). */
export async function serveHandler(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
    const response = await handler(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/graphql`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export type GqlAnswer = { status: number; body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> }; headers: Headers };

export type Credentials = { token?: string; cookie?: string; headers?: Record<string, string> };

export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, who: Credentials = {}): Promise<GqlAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", ...who.headers };
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  if (who.cookie) headers.cookie = who.cookie;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** The first error's code, for terse assertions. */
export const codeOf = (answer: GqlAnswer) => answer.body.errors?.[0]?.extensions?.code;

export async function tokenFor(db: DbHandle["db"], user: TestUser, workspaceId: string, name = "test"): Promise<string> {
  return (await createApiToken(db, { claims: user.claims, workspaceId, name })).token;
}

/** A signed-in browser's cookie: a real session row, as sign-in starts one (so revocation applies). */
export async function sessionCookie(db: DbHandle["db"], user: TestUser): Promise<string> {
  const session = await startUserSession(db, user.id);
  const token = await signSessionToken({ id: user.id, email: user.email, sessionId: session.id, sessionExpiresAt: Math.floor(session.expiresAt.getTime() / 1000) }, authSecret());
  return `session=${token}`;
}

/** A fresh database behind the real route, served over HTTP, for one describe block. */
export function useApiServer(driver: TestDriver, ready: (ctx: { handle: DbHandle; url: string }) => void): void {
  let handle: DbHandle | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    process.env.AUTH_SECRET ??= "graphql-test-secret-graphql-test-secret";
    resetEnvCache();
    handle = await createTestDb(driver);
    setRouteDbForTests(handle);
    const route = await import("@/app/api/graphql/route");
    server = await serveHandler((request) => (request.method === "GET" ? route.GET(request) : route.POST(request)));
    ready({ handle, url: server.url });
  });
  afterAll(async () => {
    await server?.close();
    await handle?.close();
  });
}
