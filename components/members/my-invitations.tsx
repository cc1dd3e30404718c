"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { respondToInvitationAction } from "@/lib/members/invitation-actions";
import type { MemberFormState, MyInvitation } from "@/lib/members/types";

function InvitationCard({ invitation }: { invitation: MyInvitation }) {
  const [state, action, pending] = useActionState(respondToInvitationAction, {} as MemberFormState);
  return (
    <Card className="p-5">
      <form action={action} aria-label={`Invitation to ${invitation.workspaceName}`} className="space-y-3">
        <input type="hidden" name="invitationId" value={invitation.id} />
        <p className="text-sm text-ink">
          <strong>{invitation.invitedByEmail ?? "An admin"}</strong> invited you to <strong>{invitation.workspaceName}</strong> as{" "}
          {invitation.role === "admin" ? "an admin" : "a member"}.
        </p>
        {state.error ? <p role="alert" className="text-sm font-medium text-danger">{state.error}</p> : null}
        {state.ok && state.message ? <p role="status" className="text-sm text-ink-muted">{state.message}</p> : null}
        <div className="flex gap-2">
          <Button type="submit" name="answer" value="accept" disabled={pending}>
            Accept
          </Button>
          <Button type="submit" name="answer" value="decline" variant="secondary" disabled={pending}>
            Decline
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function MyInvitations({ invitations }: { invitations: MyInvitation[] }) {
  if (invitations.length === 0) return <p className="text-sm text-ink-muted">You have no pending invitations.</p>;
  return (
    <div className="space-y-4">
      {invitations.map((invitation) => (
        <InvitationCard key={invitation.id} invitation={invitation} />
      ))}
    </div>
  );
}
