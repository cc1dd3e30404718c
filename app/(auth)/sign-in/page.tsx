// Sign in with email and password; `next` brings the visitor back to the page they asked for.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<{ next?: string | string[] }>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { next } = await searchParams;
  const nextPath = safeNextPath(Array.isArray(next) ? next[0] : next);
  if (await getSession()) redirect(nextPath);
  const signUpHref = nextPath === safeNextPath(undefined) ? "/sign-up" : `/sign-up?next=${encodeURIComponent(nextPath)}`;
  return (
    <AuthCard
      title="Sign in"
      description="Welcome back. Sign in to manage your automations."
      footer={
        <>
          No account yet?{" "}
          <Link href={signUpHref} className="font-medium text-brand-700 hover:underline">
            Create one
          </Link>
        </>
      }
    >
      <SignInForm next={nextPath} />
    </AuthCard>
  );
}
