import { describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT, decodeJwt } from "jose";
import { signSessionToken, verifySessionToken } from "./jwt";

const secret = new TextEncoder().encode("a-test-secret-that-is-long-enough-1234");
const user = {
  id: "0b9a3a2e-7d1c-4c57-9a34-1f6f0f4b8e21",
  email: "ana@example.test",
  sessionId: "6a0f1e2d-3c4b-4a59-8e7d-6c5b4a392817",
  sessionExpiresAt: Math.floor(Date.now() / 1000) + 30 * 24 * 3600,
};

describe("built-in session tokens", () => {
  it("carry Supabase-shaped claims and verify with the same secret", async () => {
    const token = await signSessionToken(user, secret);
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({ sub: user.id, email: user.email, role: "authenticated", aud: "authenticated" });
    expect(payload.exp! - payload.iat!).toBe(7 * 24 * 60 * 60);
    const verified = await verifySessionToken(token, secret);
    expect(verified?.claims).toEqual({ sub: user.id, email: user.email, role: "authenticated" });
    expect(verified).toMatchObject({ sessionId: user.sessionId, sessionExpiresAt: user.sessionExpiresAt });
  });

  it("never expire after their session's absolute end, and are refused from then on", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const end = now.getTime() / 1000 + 3600;
    const token = await signSessionToken({ ...user, sessionExpiresAt: end }, secret, { now });
    expect(decodeJwt(token).exp).toBe(end);
    expect(await verifySessionToken(token, secret, { now: new Date(now.getTime() + 3599_000) })).not.toBeNull();
    expect(await verifySessionToken(token, secret, { now: new Date(now.getTime() + 3600_000) })).toBeNull();
  });

  it("are refused when signed with another secret", async () => {
    const token = await signSessionToken(user, new TextEncoder().encode("another-secret-another-secret-123456"));
    expect(await verifySessionToken(token, secret)).toBeNull();
  });

  it("are refused once expired", async () => {
    const token = await signSessionToken(user, secret, { now: new Date("2026-01-01T00:00:00Z"), ttlSeconds: 60 });
    expect(await verifySessionToken(token, secret, { now: new Date("2026-01-01T00:00:30Z") })).not.toBeNull();
    expect(await verifySessionToken(token, secret, { now: new Date("2026-01-01T00:02:00Z") })).toBeNull();
  });

  it("are refused when their payload was edited", async () => {
    const token = await signSessionToken(user, secret);
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: "11111111-1111-1111-1111-111111111111" })).toString("base64url");
    expect(await verifySessionToken(`${header}.${forged}.${signature}`, secret)).toBeNull();
  });

  it("are refused unsigned (alg none), with another role, or from another issuer", async () => {
    const unsigned = new UnsecuredJWT({ role: "authenticated" }).setSubject(user.id).setIssuer("crm-automations").setAudience("authenticated").setIssuedAt().setExpirationTime("1h").encode();
    expect(await verifySessionToken(unsigned, secret)).toBeNull();
    const asService = await new SignJWT({ role: "service_role" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setIssuer("crm-automations")
      .setAudience("authenticated")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(secret);
    expect(await verifySessionToken(asService, secret)).toBeNull();
    const foreign = await new SignJWT({ role: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setIssuer("someone-else")
      .setAudience("authenticated")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(secret);
    expect(await verifySessionToken(foreign, secret)).toBeNull();
  });

  it("are refused when missing or malformed", async () => {
    expect(await verifySessionToken(undefined, secret)).toBeNull();
    expect(await verifySessionToken("not.a.token", secret)).toBeNull();
  });
});
