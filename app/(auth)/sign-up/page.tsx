// Create an account: the new user gets their own workspace, as its admin.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an account" };

type SearchParams = Promise<{ next?: string | string[] }>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const { next } = await searchParams;
  const nextPath = safeNextPath(Array.isArray(next) ? next[0] : next);
  if (await getSession()) redirect(nextPath);
  const signInHref = nextPath === safeNextPath(undefined) ? "/sign-in" : `/sign-in?next=${encodeURIComponent(nextPath)}`;
  return (
    <AuthCard
      title="Create an account"
      description="Automate the busywork in your CRM. You will get your own workspace."
      footer={
        <>
          Already have an account?{" "}
          <Link href={signInHref} className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={nextPath} />
    </AuthCard>
  );
}
