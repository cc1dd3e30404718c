/**
 * In production the session cookie is always Secure, and browsers drop a Secure cookie set over plain
 * HTTP (localhost excepted): sign-in would "succeed" and the next page would ask to sign in again.
 * The browser's Origin header says which scheme it used; this only chooses a message, never a decision
 * about trust.
 */
export const PLAIN_HTTP_SIGN_IN =
  "Signing in needs HTTPS: this server marks its session cookie Secure in production, and browsers drop such cookies over plain HTTP (except on localhost). Open the app over HTTPS, or put it behind a proxy that terminates TLS.";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function plainHttpProblem(headers: Pick<Headers, "get">, nodeEnv: string | undefined = process.env.NODE_ENV): string | null {
  if (nodeEnv !== "production") return null;
  const origin = headers.get("origin") ?? headers.get("referer");
  if (!origin) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== "http:") return null;
  if (LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith(".localhost")) return null;
  return PLAIN_HTTP_SIGN_IN;
}
