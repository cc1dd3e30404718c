// Members, roles and pending invitations of the active workspace (admins only; anyone else gets "not found").
import type { Metadata } from "next";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { MembersTable } from "@/components/members/members-table";
import { PendingInvitations } from "@/components/members/pending-invitations";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireAdmin } from "@/lib/auth/session";
import { listPendingInvitations } from "@/lib/members/invitations";
import { listMembers } from "@/lib/members/list-members";
import { automationsNamingMembers } from "@/lib/members/member-automations";
import { TimeZoneForm } from "@/components/workspaces/time-zone-form";
import { getWorkspaceTimeZone } from "@/lib/workspaces/time-zone";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const session = await requireAdmin();
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  const [members, invitations] = await Promise.all([listMembers(db, scope), listPendingInvitations(db, scope)]);
  const namedIn = await automationsNamingMembers(db, scope);
  const timeZone = await getWorkspaceTimeZone(db, session.workspace.id);
  return (
    <>
      <PageHeader
        title="Members"
        description={`Who can use ${session.workspace.name}. Admins manage every automation, webhook source and member; members manage their own automations. The CRM user id links a person to the CRM's owner ids.`}
      />
      <Card className="mb-6 p-5">
        <InviteMemberForm />
      </Card>
      <Card className="mb-6 overflow-x-auto p-5">
        <h2 className="mb-3 text-base font-semibold text-ink">Pending invitations</h2>
        <PendingInvitations invitations={invitations} />
      </Card>
      <Card className="mb-6 overflow-x-auto p-5">
        <MembersTable members={members} currentUserId={session.user.id} namedIn={namedIn} />
      </Card>
      <Card className="p-5">
        <TimeZoneForm timeZone={timeZone} />
      </Card>
    </>
  );
}
