// The signed-in user's pending workspace invitations, to accept or decline.
import type { Metadata } from "next";
import { MyInvitations } from "@/components/members/my-invitations";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireSession } from "@/lib/auth/session";
import { listMyInvitations } from "@/lib/members/invitations";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage() {
  const session = await requireSession();
  const { db } = await getDb();
  const invitations = await listMyInvitations(db, session.claims);
  return (
    <>
      <PageHeader title="Invitations" description={`Workspaces that invited ${session.user.email}.`} />
      <MyInvitations invitations={invitations} />
    </>
  );
}
