import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN } from "./config";
import { safeNextPath } from "./next-path";

// Issue 20 item 2: `?next=` values as an attacker writes them in a link to /sign-in or /sign-up.
// Each is decoded as the page's searchParams decode it, and whatever safeNextPath returns must,
// resolved by a browser against the app's origin, stay on that origin.
const APP = "https://app.example";

const ATTACKS = [
  "/.//evil.example",
  "%2F.%2F%2Fevil.example",
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/..%2F%2Fevil.example",
  "/x/..//evil.example/path",
  "/x/../..//evil.example",
  "/././/evil.example",
  "/.%2F%2Fevil.example",
  "/%2e%2e//evil.example",
  "/a/b/../..//evil.example",
  "/a/%2e%2e//evil.example",
  "/.///evil.example",
  "/.//%2Fevil.example",
  "/.//evil.example?next=/",
  "/.//evil.example#x",
  "/.//evil.example:443/x",
  "/./%5Cevil.example",
  "/.%5C%5Cevil.example",
  "%2F%2Fevil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "%2F%5Cevil.example",
  "\\\\evil.example",
  "https://evil.example",
  "https:evil.example",
  "HTTPS://evil.example",
  "//evil.example@app.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0D/evil.example",
  " //evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/%00//evil.example",
  "/x/..%2F..%2F%2Fevil.example",
  "/./%2F/evil.example",
];

function decodedNext(raw: string): string {
  return new URLSearchParams(`next=${raw}`).get("next") ?? "";
}

describe.each(["/sign-in", "/sign-up"])("?next= on %s", (page) => {
  it.each(ATTACKS)("%s never leads off the app's origin", (raw) => {
    const value = decodedNext(raw);
    const target = safeNextPath(value);
    const resolved = new URL(target, `${APP}${page}`);
    expect(resolved.origin).toBe(APP);
    expect(target.startsWith("//")).toBe(false);
    expect(target.startsWith("/\\")).toBe(false);
    expect(target.includes("evil.example") && !target.startsWith("/")).toBe(false);
  });

  it.each([
    ["/activities", "/activities"],
    ["/settings/logs?status=failed", "/settings/logs?status=failed"],
    ["/settings/./webhooks", "/settings/webhooks"],
    ["/settings/x/../logs", "/settings/logs"],
    ["%2Fsettings%2Fwebhooks", "/settings/webhooks"],
  ])("keeps the same-origin path %s", (raw, expected) => {
    expect(safeNextPath(decodedNext(raw))).toBe(expected);
  });
});

it("falls back, rather than normalising, when the normalised path would name another host", () => {
  for (const value of ["/.//evil.example", "/%2e//evil.example", "/x/..//evil.example/path", "/..%2F%2Fevil.example"]) {
    expect(safeNextPath(decodeURIComponent(value))).toBe(DEFAULT_AFTER_SIGN_IN);
  }
});
