"use client";
// The workspace's time zone (admins): date-relative and schedule automations fire at its local
// times, and scheduler times are shown in it.

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { setTimeZoneAction } from "@/lib/workspaces/actions";

function zones(current: string): string[] {
  const known = Intl.supportedValuesOf("timeZone");
  return known.includes(current) ? known : [current, ...known];
}

export function TimeZoneForm({ timeZone }: { timeZone: string }) {
  const [state, action, pending] = useActionState(setTimeZoneAction, null);
  const current = state?.ok ? state.data.timeZone : timeZone;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Workspace time zone">
      <div className="min-w-64">
        <Field id="workspace-time-zone" label="Time zone" hint="Date and schedule automations fire at this zone's local times." error={state && !state.ok ? state.error : undefined}>
          <Select id="workspace-time-zone" name="timeZone" defaultValue={current} key={current}>
            {zones(current).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save time zone"}
      </Button>
      {state?.ok ? (
        <p role="status" className="text-sm text-success">
          Time zone set to {state.data.timeZone}.
        </p>
      ) : null}
    </form>
  );
}
