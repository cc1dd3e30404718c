// POST /api/auth/sign-in {email, password} as JSON: the sign-in form's logic for scripts and
// clients without the page. 204 with the session cookie; 400, 401, 403, 415, or 429 with Retry-After when
// throttled or when the server's password-hashing queue is full.
import { passwordSignIn } from "@/lib/auth/password-sign-in";
import { logUnexpected } from "@/lib/auth/pg-error";

// JSON only: a cross-site page cannot send it without a CORS preflight, so no other site can sign a
// visitor into an account of its choosing (login CSRF) through this route.
async function readCredentials(request: Request): Promise<{ email: unknown; password: unknown } | null> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return null;
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  return { email: body?.email, password: body?.password };
}

export async function POST(request: Request) {
  const credentials = await readCredentials(request);
  if (!credentials) return Response.json({ error: "Send JSON: {\"email\", \"password\"}." }, { status: 415 });
  try {
    const result = await passwordSignIn(credentials);
    if (result.ok) return new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } });
    const headers: Record<string, string> = {};
    if (result.retryAfterSeconds) headers["Retry-After"] = String(result.retryAfterSeconds);
    return Response.json({ error: result.error ?? "Check the highlighted fields.", fieldErrors: result.fieldErrors }, { status: result.status, headers });
  } catch (error) {
    logUnexpected("sign-in failed", error);
    return Response.json({ error: "Something went wrong." }, { status: 500 });
  }
}
