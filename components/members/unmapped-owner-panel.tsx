"use client";
// Opened from an event-problem notification (/settings/members?crm=…): map the CRM user id that events
// named to a member, then retry the runs that failed because nobody had it.

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { changeCrmUserIdAction, retryUnmappedRunsAction } from "@/lib/members/actions";
import type { Member, MemberFormState } from "@/lib/members/types";

const EMPTY: MemberFormState = {};

function Outcome({ state }: { state: MemberFormState }) {
  const error = state.error ?? (state.fieldErrors && Object.values(state.fieldErrors)[0]);
  if (error) return <p role="alert" className="mt-2 text-sm font-medium text-danger">{error}</p>;
  if (state.ok && state.message) return <p role="status" className="mt-2 text-sm text-success">{state.message}</p>;
  return null;
}

export function UnmappedOwnerPanel({ crmUserId, members, failedRuns }: { crmUserId: string; members: Member[]; failedRuns: number }) {
  const [mapState, mapAction, mapping] = useActionState(changeCrmUserIdAction, EMPTY);
  const [retryState, retryAction, retrying] = useActionState(retryUnmappedRunsAction, EMPTY);
  const mappedTo = members.find((member) => member.crmUserId === crmUserId);
  const runsWords = `${failedRuns} failed ${failedRuns === 1 ? "run" : "runs"}`;

  return (
    <section aria-labelledby="unmapped-owner-title">
      <h2 id="unmapped-owner-title" className="text-base font-semibold text-ink">
        CRM user {crmUserId}
      </h2>
      {mappedTo ? (
        <p className="mt-1 text-sm text-ink-muted">
          {crmUserId} is mapped to {mappedTo.email}. {failedRuns > 0 ? `${runsWords} named it before it was mapped.` : "No failed runs are waiting for it."}
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-ink-muted">
            Events named {crmUserId} as the owner, but no member has that CRM user id ({runsWords}). Choose who it is.
          </p>
          <form action={mapAction} className="mt-3 flex flex-wrap items-end gap-2">
            <input type="hidden" name="crmUserId" value={crmUserId} />
            <div className="w-72">
              <Field id="map-crm-user" label={`Member who is ${crmUserId}`}>
                <Select id="map-crm-user" name="userId" required defaultValue="">
                  <option value="" disabled>
                    Choose a member
                  </option>
                  {members.map((member) => (
                    <option key={member.userId} value={member.userId}>
                      {member.email}
                      {member.crmUserId ? ` (now ${member.crmUserId})` : ""}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="submit" disabled={mapping}>
              Map {crmUserId}
            </Button>
          </form>
          <Outcome state={mapState} />
        </>
      )}
      {mappedTo && failedRuns > 0 ? (
        <form action={retryAction} className="mt-3">
          <input type="hidden" name="crmUserId" value={crmUserId} />
          <Button type="submit" disabled={retrying}>
            Retry {runsWords}
          </Button>
        </form>
      ) : null}
      <Outcome state={retryState} />
    </section>
  );
}
