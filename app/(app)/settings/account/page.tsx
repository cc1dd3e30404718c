// The signed-in user's account: change password (built-in accounts) and sign out everywhere.
import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { signOutEverywhere } from "@/lib/auth/account-actions";
import { authProvider } from "@/lib/auth/provider";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const session = await requireSession();
  const builtin = authProvider() === "builtin";
  return (
    <>
      <PageHeader title="Account" description={`Signed in as ${session.user.email}.`} />
      {builtin ? (
        <Card className="mb-6 p-5">
          <ChangePasswordForm />
        </Card>
      ) : null}
      <Card className="p-5">
        <form action={signOutEverywhere} aria-labelledby="sign-out-everywhere-title" className="space-y-3">
          <h2 id="sign-out-everywhere-title" className="text-base font-semibold text-ink">
            Sign out everywhere
          </h2>
          <p className="text-sm text-ink-muted">
            {builtin
              ? "Ends every session of your account at once, on this device and every other; each has to sign in again. Sessions also end 30 days after sign-in."
              : "Signs your account out at the identity provider on every device. A page already open elsewhere may keep working for up to an hour, until its access token expires."}
          </p>
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </Card>
    </>
  );
}
