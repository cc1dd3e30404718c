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
import { UnmappedOwnerPanel } from "@/components/members/unmapped-owner-panel";
import { crmUserIdSchema } from "@/lib/members/schemas";
import { countUnmappedOwnerRuns } from "@/lib/runs/problem-runs";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ searchParams }: { searchParams: Promise<{ crm?: string | string[] }> }) {
  const session = await requireAdmin();
  const { db } = await getDb();
  const scope = { claims: session.claims, workspaceId: session.workspace.id };
  // ?crm=<id>: an event-problem notification's link, for mapping that CRM user id and retrying its runs.
  const crm = crmUserIdSchema.safeParse(firstValue((await searchParams).crm));
  const crmUserId = crm.success ? crm.data : null;
  const [members, invitations, failedRuns, namedIn] = await Promise.all([
    listMembers(db, scope),
    listPendingInvitations(db, scope),
    crmUserId ? countUnmappedOwnerRuns(db, session.claims, { ...scope, crmUserId }) : 0,
    automationsNamingMembers(db, scope),
  ]);
  const timeZone = await getWorkspaceTimeZone(db, session.workspace.id);
  return (
    <>
      <PageHeader
        title="Members"
        description={`Who can use ${session.workspace.name}. Admins manage every automation, webhook source and member; members manage their own automations. The CRM user id links a person to the CRM's owner ids.`}
      />
      {crmUserId ? (
        <Card className="mb-6 p-5">
          <UnmappedOwnerPanel crmUserId={crmUserId} members={members} failedRuns={failedRuns} />
        </Card>
      ) : null}
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

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
