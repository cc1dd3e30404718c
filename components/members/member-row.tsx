"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef, useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { changeCrmUserIdAction, changeRoleAction, removeMemberAction } from "@/lib/members/actions";
import type { NamedIn } from "@/lib/members/member-automations";
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

type Props = { member: Member; isYou: boolean; namedIn: NamedIn[]; successors: { userId: string; email: string }[] };

export function MemberRow({ member, isYou, namedIn, successors }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, EMPTY);
  const [crmState, crmAction, crmPending] = useActionState(changeCrmUserIdAction, EMPTY);
  const [removeState, removeAction, removePending] = useActionState(removeMemberAction, EMPTY);
  const dialog = useRef<HTMLDialogElement>(null);
  const hydrated = useHydrated();
  // A refusal (the last admin, a successor who left) is shown in the row once the dialog closes.
  useEffect(() => {
    if (removeState.error) dialog.current?.close();
  }, [removeState]);

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
        <Button variant="ghost" disabled={!hydrated} onClick={() => dialog.current?.showModal()} aria-label={`Remove ${member.email}`}>
          Remove
        </Button>
        <RemoveDialog dialog={dialog} member={member} isYou={isYou} namedIn={namedIn} successors={successors} action={removeAction} pending={removePending} />
        <Outcome state={removeState} />
      </td>
    </tr>
  );
}

type DialogProps = Omit<Props, "member"> & {
  member: Member;
  dialog: React.RefObject<HTMLDialogElement | null>;
  action: (formData: FormData) => void;
  pending: boolean;
};

/** The removal's confirmation: the automations that name the person, and who takes them over. */
function RemoveDialog({ dialog, member, isYou, namedIn, successors, action, pending }: DialogProps) {
  const titleId = useId();
  const selectId = useId();
  const count = namedIn.length;
  return (
    <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-card border border-surface-line bg-white p-0 text-left shadow-xl backdrop:bg-ink/40">
      <form action={action} className="space-y-4 p-6 text-sm">
        <input type="hidden" name="userId" value={member.userId} />
        <h2 id={titleId} className="text-lg font-semibold text-ink">{isYou ? "Remove yourself from the workspace?" : `Remove ${member.email} from the workspace?`}</h2>
        {count > 0 ? (
          <>
            <p className="text-ink">
              {count === 1 ? "1 automation names" : `${count} automations name`} {member.email} in an action:
            </p>
            <ul aria-label="Automations that name them" className="max-h-40 list-disc overflow-y-auto pl-5 text-ink">
              {namedIn.map((automation) => (
                <li key={automation.id}>
                  <Link href={`/settings/automations/${automation.id}`} className="text-brand-700 hover:underline">{automation.name}</Link>
                </li>
              ))}
            </ul>
            <div>
              <label htmlFor={selectId} className="mb-1 block font-medium text-ink">Hand their automations to</label>
              <Select id={selectId} name="reassignTo" defaultValue="deal_owner">
                <option value="deal_owner">The deal owner</option>
                {successors.map((other) => (
                  <option key={other.userId} value={other.userId}>{other.email}</option>
                ))}
                <option value="">Nobody: leave them (their runs fail at that action)</option>
              </Select>
            </div>
          </>
        ) : (
          <p className="text-ink-muted">No automation names {member.email} in an action.</p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" className="whitespace-nowrap" disabled={pending}>
            Yes, remove
          </Button>
        </div>
      </form>
    </dialog>
  );
}
