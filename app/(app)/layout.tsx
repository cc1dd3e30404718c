import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-shell/header";
import { Providers } from "@/components/providers";
import { requireSession } from "@/lib/auth/session";

// Every page in this group needs a signed-in user; requireSession() redirects to /sign-in otherwise.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <Providers>
      <div className="min-h-screen">
        <AppHeader session={session} />
        <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
      </div>
    </Providers>
  );
}
