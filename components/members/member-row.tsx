"use client";

import { useActionState, useState, useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { changeCrmUserIdAction, changeRoleAction, removeMemberAction } from "@/lib/members/actions";
import type { Member, MemberFormState } from "@/lib/members/types";

const EMPTY: MemberFormState = {};

const noSubscription = () => () => {};
/** False in the server render and until hydration: a button that needs JavaScript stays disabled until then. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

function Outcome({ state }: { state: MemberFormState }) {
  if (state.error) return <p role="alert" className="mt-1 text-xs font-medium text-danger">{state.error}</p>;
  const fieldError = state.fieldErrors && Object.values(state.fieldErrors)[0];
  if (fieldError) return <p role="alert" className="mt-1 text-xs font-medium text-danger">{fieldError}</p>;
  if (state.ok && state.message) return <p role="status" className="mt-1 text-xs text-success">{state.message}</p>;
  return null;
}

export function MemberRow({ member, isYou }: { member: Member; isYou: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, EMPTY);
  const [crmState, crmAction, crmPending] = useActionState(changeCrmUserIdAction, EMPTY);
  const [removeState, removeAction, removePending] = useActionState(removeMemberAction, EMPTY);
  const [confirming, setConfirming] = useState(false);
  const hydrated = useHydrated();

  return (
    <tr className="align-top">
      <td className="py-3 pr-4">
        <span className="font-medium text-ink">{member.email}</span>
        {isYou ? <span className="ml-2"><Badge tone="info">you</Badge></span> : null}
      </td>
      <td className="py-3 pr-4">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={member.userId} />
          <div className="w-32">
            <Select key={member.role} name="role" defaultValue={member.role} aria-label={`Role for ${member.email}`}>
              <option value="admin">Admin</option>
              <option value="member">Member</option>
            </Select>
          </div>
          <Button type="submit" variant="secondary" className="whitespace-nowrap" disabled={rolePending}>
            Save role
          </Button>
        </form>
        <Outcome state={roleState} />
      </td>
      <td className="py-3 pr-4">
        <form action={crmAction} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={member.userId} />
          <div className="w-40">
            <Input
              key={member.crmUserId ?? ""}
              name="crmUserId"
              defaultValue={member.crmUserId ?? ""}
              maxLength={100}
              placeholder="none"
              aria-label={`CRM user id for ${member.email}`}
              invalid={Boolean(crmState.fieldErrors?.crmUserId)}
            />
          </div>
          <Button type="submit" variant="secondary" className="whitespace-nowrap" disabled={crmPending}>
            Save id
          </Button>
        </form>
        <Outcome state={crmState} />
      </td>
      <td className="py-3 text-right">
        {confirming ? (
          <form action={removeAction} className="inline-flex items-center gap-2">
            <input type="hidden" name="userId" value={member.userId} />
            <span className="text-xs text-ink-muted">{isYou ? "Remove yourself?" : "Remove from workspace?"}</span>
            <Button type="submit" variant="danger" className="whitespace-nowrap" disabled={removePending}>
              Yes, remove
            </Button>
            <Button variant="ghost" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <Button variant="ghost" disabled={!hydrated} onClick={() => setConfirming(true)} aria-label={`Remove ${member.email}`}>
            Remove
          </Button>
        )}
        <Outcome state={removeState} />
      </td>
    </tr>
  );
}
