import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

/**
 * A local stand-in for a Supabase project's auth server, for offline tests: it publishes an ES256
 * JWKS at /auth/v1/.well-known/jwks.json, answers refresh-token grants it was told about, and
 * refuses everything else the way GoTrue does. Test-only.
 */
export interface StandIn {
  url: string;
  kid: string;
  privateKey: CryptoKey;
  /** Every request it received, as "METHOD /path". */
  hits: string[];
  /** Refresh tokens it will exchange for a fresh session. */
  refreshable: Map<string, { sub: string; email: string }>;
  cookieName: string;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startSupabaseStandIn(): Promise<StandIn> {
  const kid = `test-key-${Math.random().toString(36).slice(2, 8)}`;
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const hits: string[] = [];
  const refreshable = new Map<string, { sub: string; email: string }>();
  let self: StandIn;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const path = (req.url ?? "").split("?")[0];
      hits.push(`${req.method} ${path}`);
      if (req.method === "GET" && path === "/auth/v1/.well-known/jwks.json") return sendJson(res, 200, { keys: [jwk] });
      if (req.method === "POST" && path === "/auth/v1/token") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { refresh_token?: string };
        const user = body.refresh_token ? refreshable.get(body.refresh_token) : undefined;
        if (!user) return sendJson(res, 400, { code: 400, error_code: "refresh_token_not_found", msg: "Invalid Refresh Token: Refresh Token Not Found" });
        refreshable.delete(body.refresh_token!);
        return sendJson(res, 200, await makeSession(self, { ...user, refreshToken: `rotated-${body.refresh_token}` }));
      }
      if (path === "/auth/v1/user") return sendJson(res, 401, { code: 401, error_code: "bad_jwt", msg: "invalid JWT" });
      return sendJson(res, 404, { code: 404, msg: "not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  self = {
    url: `http://127.0.0.1:${port}`,
    kid,
    privateKey,
    hits,
    refreshable,
    // @supabase/ssr names it after the first label of the URL's host: 127.0.0.1 → "127".
    cookieName: "sb-127-auth-token",
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return self;
}

export interface TokenOptions {
  sub: string;
  email: string;
  key?: CryptoKey;
  kid?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
  role?: string;
}

/** An access token as Supabase Auth issues it: ES256 with the project's kid. */
export async function accessToken(standIn: StandIn, options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (options.expiresIn ?? 3600);
  return new SignJWT({ email: options.email, role: options.role ?? "authenticated", aal: "aal1", is_anonymous: false, session_id: crypto.randomUUID() })
    .setProtectedHeader({ alg: "ES256", kid: options.kid ?? standIn.kid, typ: "JWT" })
    .setSubject(options.sub)
    .setAudience("authenticated")
    .setIssuer(`${standIn.url}/auth/v1`)
    .setIssuedAt(Math.min(now, exp - 60))
    .setExpirationTime(exp)
    .sign(options.key ?? standIn.privateKey);
}

export async function makeSession(
  standIn: StandIn,
  options: TokenOptions & { refreshToken?: string; userMetadata?: Record<string, unknown> },
) {
  const expiresIn = options.expiresIn ?? 3600;
  return {
    access_token: await accessToken(standIn, options),
    token_type: "bearer",
    expires_in: expiresIn,
    expires_at: Math.floor(Date.now() / 1000) + expiresIn,
    refresh_token: options.refreshToken ?? `refresh-${crypto.randomUUID()}`,
    user: {
      id: options.sub,
      aud: "authenticated",
      role: "authenticated",
      email: options.email,
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: options.userMetadata ?? {},
      created_at: new Date().toISOString(),
    },
  };
}

export const CHUNK_SIZE = 3180;

/**
 * The session as @supabase/ssr stores it: "base64-" + base64url(JSON), in one cookie, or split into
 * name.0, name.1, … when longer than 3180 characters. Written here independently of the library,
 * so a change in its format shows up as a failing test.
 */
export function sessionCookies(cookieName: string, session: unknown): Array<{ name: string; value: string }> {
  const value = `base64-${Buffer.from(JSON.stringify(session), "utf8").toString("base64url")}`;
  if (value.length <= CHUNK_SIZE) return [{ name: cookieName, value }];
  const chunks: Array<{ name: string; value: string }> = [];
  for (let i = 0; i * CHUNK_SIZE < value.length; i++) {
    chunks.push({ name: `${cookieName}.${i}`, value: value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE) });
  }
  return chunks;
}

/** Reads a session back out of cookies in that format (to inspect what a refresh wrote). */
export function decodeSessionCookies(cookieName: string, cookies: Array<{ name: string; value: string }>): { access_token: string; refresh_token: string } | null {
  const single = cookies.find((c) => c.name === cookieName)?.value;
  const joined =
    single ??
    cookies
      .filter((c) => c.name.startsWith(`${cookieName}.`))
      .sort((a, b) => Number(a.name.split(".").at(-1)) - Number(b.name.split(".").at(-1)))
      .map((c) => c.value)
      .join("");
  if (!joined?.startsWith("base64-")) return null;
  return JSON.parse(Buffer.from(joined.slice("base64-".length), "base64url").toString("utf8"));
}
