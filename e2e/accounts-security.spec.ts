import { expect, request as playwrightRequest, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { decodeJwt, SignJWT } from "jose";
import { AuthPages, NEW_USER_PASSWORD, uniqueEmail } from "./pages/auth";
import { InvitationsPage } from "./pages/invitations";
import { MembersPage } from "./pages/members";

// Accounts under attack, against the production build: a cookie kept after sign-out, a session
// kept alive past its 30 days, an invitation instead of adding someone by email, forged
// X-Forwarded-For headers against the sign-in throttle, and a flood of junk sign-ins.

const AUTH_SECRET = process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
const DAY = 24 * 3600;

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "session");
  expect(cookie, "the session cookie").toBeTruthy();
  return cookie!.value;
}

/** A client that sends only the cookie given (no browser state). */
async function withCookie(baseURL: string, token: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: `session=${token}` }, maxRedirects: 0 });
}

function signInApi(api: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}) {
  return api.post("/api/auth/sign-in", { data: { email, password }, headers, failOnStatusCode: false });
}

test.describe("sessions", () => {
  test("a cookie kept after sign-out no longer opens pages or the API", async ({ page, context, baseURL }) => {
    const auth = new AuthPages(page);
    await auth.signUp(uniqueEmail("signout"), NEW_USER_PASSWORD);
    const token = await sessionCookie(context);
    const before = await withCookie(baseURL!, token);
    expect((await before.get("/api/runs")).status()).toBe(200);

    await auth.signOut();
    const after = await withCookie(baseURL!, token);
    expect((await after.get("/api/runs")).status()).toBe(401);
    const activities = await after.get("/activities");
    expect(activities.status()).toBe(307);
    expect(activities.headers()["location"]).toMatch(/\/sign-in\?next=%2Factivities$/);
    await Promise.all([before.dispose(), after.dispose()]);
  });

  test("a token of a session that began 31 days ago is refused and not refreshed, as is one without a session id", async ({ page, context, baseURL }) => {
    await new AuthPages(page).signUp(uniqueEmail("old-token"), NEW_USER_PASSWORD);
    const real = decodeJwt(await sessionCookie(context));
    const now = Math.floor(Date.now() / 1000);
    const iat = now - Math.round(6.9 * DAY);
    const forge = (claims: Record<string, unknown>) =>
      new SignJWT({ role: "authenticated", email: real.email, ...claims })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(real.sub!)
        .setIssuer("crm-automations")
        .setAudience("authenticated")
        .setIssuedAt(iat)
        .setExpirationTime(iat + 7 * DAY)
        .sign(new TextEncoder().encode(AUTH_SECRET));

    // The same session, its token refreshed 6.9 days ago, but the session itself started 31 days ago.
    const aged = await withCookie(baseURL!, await forge({ sid: real.sid, sexp: now - DAY }));
    expect((await aged.get("/api/runs")).status()).toBe(401);
    const page31 = await aged.get("/settings/automations");
    expect(page31.status()).toBe(307);
    expect(page31.headers()["set-cookie"] ?? "").not.toMatch(/session=/);

    // A token in the old format (no session id), 6.9 days old, was re-issued for 7 more days before.
    const legacy = await withCookie(baseURL!, await forge({}));
    expect((await legacy.get("/api/runs")).status()).toBe(401);
    expect((await legacy.get("/settings/automations")).headers()["set-cookie"] ?? "").not.toMatch(/session=/);

    // The real token of that session still works: the refusals are about age, not the account.
    const fresh = await withCookie(baseURL!, await sessionCookie(context));
    expect((await fresh.get("/api/runs")).status()).toBe(200);
    await Promise.all([aged.dispose(), legacy.dispose(), fresh.dispose()]);
  });

  test("sign out everywhere ends the other browser's session too; a password change ends the others but not this one", async ({ browser, baseURL }) => {
    const email = uniqueEmail("everywhere");
    const first = await browser.newContext();
    const firstPage = await first.newPage();
    await new AuthPages(firstPage).signUp(email, NEW_USER_PASSWORD);
    const second = await browser.newContext();
    const secondPage = await second.newPage();
    const auth = new AuthPages(secondPage);
    await auth.gotoSignIn();
    await auth.submitSignIn(email, NEW_USER_PASSWORD);
    await expect(secondPage).toHaveURL(/\/settings\/automations$/);

    // Password change from the second browser: the first is signed out, the second stays.
    await secondPage.goto("/settings/account");
    await secondPage.getByLabel("Current password").fill(NEW_USER_PASSWORD);
    await secondPage.getByLabel("New password").fill("a brand new passphrase");
    await secondPage.getByRole("button", { name: "Change password" }).click();
    await expect(secondPage.getByRole("main").getByRole("status")).toHaveText("Password changed. 1 other session was signed out.");
    await firstPage.goto("/settings/automations");
    await expect(firstPage).toHaveURL(/\/sign-in\?next=/);

    // Sign out everywhere: this browser's kept cookie is dead as well.
    const kept = await sessionCookie(second);
    await secondPage.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(secondPage).toHaveURL(/\/sign-in$/);
    const reuse = await withCookie(baseURL!, kept);
    expect((await reuse.get("/api/runs")).status()).toBe(401);
    await Promise.all([reuse.dispose(), first.close(), second.close()]);
  });
});

test.describe("invitations", () => {
  test("someone without an account signs up through the invitation link, sees the invitation and accepts it", async ({ page, browser }) => {
    const owner = uniqueEmail("inviter");
    const workspace = `Invited team ${Date.now().toString(36)}`;
    await new AuthPages(page).signUp(owner, NEW_USER_PASSWORD, workspace);
    const members = new MembersPage(page);
    await members.goto();
    const newcomer = uniqueEmail("newcomer");
    await members.invite(newcomer, "Admin");
    await expect(members.invitationRow(newcomer)).toBeVisible();

    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await theirPage.goto("/sign-up?next=%2Finvitations");
    await new AuthPages(theirPage).submitSignUp(newcomer, NEW_USER_PASSWORD);
    await expect(theirPage).toHaveURL(/\/invitations$/);
    const invitations = new InvitationsPage(theirPage);
    await expect(invitations.invitation(workspace)).toContainText(`${owner} invited you to ${workspace} as an admin.`);
    await invitations.accept(workspace);
    await expect(theirPage).toHaveURL(/\/settings\/automations$/);
    await expect(theirPage.getByRole("banner")).toContainText(workspace);
    await expect(invitations.headerLink).toHaveCount(0);
    await theirs.close();

    await page.reload();
    await expect(members.roleSelect(newcomer)).toHaveValue("admin");
    await expect(members.invitationRow(newcomer)).toHaveCount(0);
  });

  test("an invitee who declines does not join, and a revoked invitation disappears from the invitee's list", async ({ page, browser }) => {
    const owner = uniqueEmail("inviter");
    const workspace = `Declined team ${Date.now().toString(36)}`;
    await new AuthPages(page).signUp(owner, NEW_USER_PASSWORD, workspace);
    const invitee = uniqueEmail("invitee");
    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    await new AuthPages(theirPage).signUp(invitee, NEW_USER_PASSWORD);

    const members = new MembersPage(page);
    await members.goto();
    await members.invite(invitee, "Member");
    const invitations = new InvitationsPage(theirPage);
    await invitations.goto();
    await invitations.decline(workspace);
    await expect(invitations.invitation(workspace)).toHaveCount(0);
    await expect(theirPage.getByRole("main").getByText("You have no pending invitations.")).toBeVisible();
    await page.reload();
    await expect(members.row(invitee)).toHaveCount(0);
    await expect(members.invitationRow(invitee)).toHaveCount(0);

    await members.invite(invitee, "Member");
    await invitations.goto();
    await expect(invitations.invitation(workspace)).toBeVisible();
    await members.revokeInvitation(invitee);
    await expect(members.invitationRow(invitee)).toHaveCount(0);
    await invitations.goto();
    await expect(invitations.invitation(workspace)).toHaveCount(0);
    await theirs.close();
  });
});

test.describe("sign-in limits", () => {
  test("a new X-Forwarded-For on every guess does not reset the account's throttle", async ({ page, baseURL }) => {
    const email = uniqueEmail("spoofed");
    await new AuthPages(page).signUp(email, NEW_USER_PASSWORD);
    const api = await playwrightRequest.newContext({ baseURL });
    for (let i = 1; i <= 5; i++) {
      const guess = await signInApi(api, email, `guess-${i}`, { "x-forwarded-for": `203.0.113.${i}` });
      expect(guess.status()).toBe(401);
    }
    const spoofed = await signInApi(api, email, NEW_USER_PASSWORD, { "x-forwarded-for": "198.51.100.99" });
    expect(spoofed.status()).toBe(429);
    expect(Number(spoofed.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await spoofed.json()).error).toMatch(/^Too many attempts, try again in \d+ seconds?\.$/);

    // The sign-in form, with yet another forged address, is held back the same way.
    const browserContext = page.context();
    await browserContext.clearCookies();
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "192.0.2.250" });
    const auth = new AuthPages(page);
    await auth.gotoSignIn();
    await auth.submitSignIn(email, NEW_USER_PASSWORD);
    await expect(auth.formError).toHaveText(/^Too many attempts, try again in \d+ seconds?\.$/);
    await api.dispose();
  });

  test("a flood of junk sign-ins gets 429 at once beyond the hashing queue, and a real sign-in then succeeds", async ({ page, baseURL }) => {
    const email = uniqueEmail("flooded");
    await new AuthPages(page).signUp(email, NEW_USER_PASSWORD);
    const api = await playwrightRequest.newContext({ baseURL });
    const started = Date.now();
    const flood = Promise.all(
      Array.from({ length: 60 }, (_, i) => signInApi(api, `junk-${i}-${Date.now().toString(36)}@example.test`, "junk-password")),
    );
    // A real sign-in in the middle of the flood gets its answer promptly, whichever it is.
    const realStarted = Date.now();
    const during = await signInApi(api, email, NEW_USER_PASSWORD);
    const realMs = Date.now() - realStarted;
    expect([204, 429]).toContain(during.status());
    const answers = await flood;
    const statuses = answers.map((a) => a.status());
    const busy = answers.filter((a) => a.status() === 429);
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    for (const answer of busy) {
      expect(answer.headers()["retry-after"]).toBe("2");
      expect((await answer.json()).error).toBe("The server is busy checking other sign-ins. Try again in a few seconds.");
    }
    const figures = `${busy.length}/60 junk refused with 429; flood answered in ${Date.now() - started} ms; a real sign-in during it answered ${during.status()} in ${realMs} ms`;
    test.info().annotations.push({ type: "flood", description: figures });
    console.log(`hashing cap: ${figures}`);

    const real = await signInApi(api, email, NEW_USER_PASSWORD);
    expect(real.status()).toBe(204);
    console.log(`hashing cap: the real sign-in succeeded ${Date.now() - started} ms after the flood began`);
    await api.dispose();
  });

  test("signing in from a plain-HTTP address in production says why it cannot work", async ({ baseURL }) => {
    const api = await playwrightRequest.newContext({ baseURL });
    const answer = await signInApi(api, "someone@example.test", "whatever-password", { origin: "http://crm.example.test" });
    expect(answer.status()).toBe(403);
    expect((await answer.json()).error).toMatch(/^Signing in needs HTTPS/);
    await api.dispose();
  });
});
