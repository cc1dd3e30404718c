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
        <AppHeader session={session} unreadNotifications={unread} pendingInvitations={invitations.length} />
        <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
      </div>
    </Providers>
  );
}
