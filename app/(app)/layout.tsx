import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-shell/header";
import { Providers } from "@/components/providers";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listMyInvitations } from "@/lib/members/invitations";
import { countUnreadNotifications } from "@/lib/notifications/list-notifications";

// Every page in this group needs a signed-in user; requireSession() redirects to /sign-in otherwise.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const { db } = await getDb();
  const unread = await countUnreadNotifications(db, { claims: session.claims, workspaceId: session.workspace.id });
  // Invitations to other workspaces wait here until answered: the header links to them.
  const invitations = await listMyInvitations(db, session.claims);
  return (
    <Providers>
      <div className="min-h-screen">
        {/* Keyboard users skip the header's links straight to the page. */}
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow">
          Skip to content
        </a>
        <AppHeader session={session} unreadNotifications={unread} pendingInvitations={invitations.length} />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none sm:px-6">
          {children}
        </main>
      </div>
    </Providers>
  );
}
