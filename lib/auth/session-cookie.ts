import { SESSION_TTL_SECONDS } from "./config";

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: "lax";
  secure: boolean;
  path: string;
  maxAge: number;
}

/** httpOnly so scripts never read it, SameSite=Lax against cross-site posts, Secure in production. */
export function sessionCookieOptions(nodeEnv: string | undefined = process.env.NODE_ENV): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: nodeEnv === "production", path: "/", maxAge: SESSION_TTL_SECONDS };
}

/** The active-workspace choice: not a secret (it is checked against memberships on every read). */
export function workspaceCookieOptions(nodeEnv: string | undefined = process.env.NODE_ENV): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: nodeEnv === "production", path: "/", maxAge: 365 * 24 * 60 * 60 };
}
