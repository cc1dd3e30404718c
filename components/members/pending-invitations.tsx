"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { revokeInvitationAction } from "@/lib/members/actions";
import type { MemberFormState, PendingInvitation } from "@/lib/members/types";

function RevokeButton({ invitation }: { invitation: PendingInvitation }) {
  const [state, action, pending] = useActionState(revokeInvitationAction, {} as MemberFormState);
  return (
    <form action={action}>
      <input type="hidden" name="invitationId" value={invitation.id} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Revoke the invitation of ${invitation.email}`}>
        Revoke
      </Button>
      {state.error ? <p role="alert" className="mt-1 text-xs font-medium text-danger">{state.error}</p> : null}
    </form>
  );
}

/** The workspace's pending invitations, each revocable until it is answered. */
export function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  if (invitations.length === 0) return <p className="text-sm text-ink-muted">No pending invitations.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Pending invitations</caption>
      <thead className="border-b border-surface-line text-xs uppercase tracking-wide text-ink-muted">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">Email</th>
          <th scope="col" className="py-2 pr-4 font-medium">Role</th>
          <th scope="col" className="py-2 pr-4 font-medium">Invited by</th>
          <th scope="col" className="py-2 pr-4 font-medium">Expires</th>
          <th scope="col" className="py-2 text-right font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-surface-line">
        {invitations.map((invitation) => (
          <tr key={invitation.id} className="align-top">
            <td className="py-3 pr-4 font-medium text-ink">{invitation.email}</td>
            <td className="py-3 pr-4">{invitation.role}</td>
            <td className="py-3 pr-4 text-ink-muted">{invitation.invitedByEmail ?? "—"}</td>
            <td className="py-3 pr-4 text-ink-muted">{invitation.expiresAt.toISOString().slice(0, 10)}</td>
            <td className="py-3 text-right">
              <RevokeButton invitation={invitation} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
