// The list's confirmation after a create (`?created=<id>`): editing says "Saved. This is version
// 2.", creating says this; the new row is highlighted by the list.

import type { AutomationRecord } from "@/lib/automations/scope";

export function CreatedNotice({ automation }: { automation: AutomationRecord | undefined }) {
  if (!automation) return null;
  return (
    <p role="status" className="mb-4 rounded-card border border-green-200 bg-green-50 px-4 py-3 text-sm font-medium text-success">
      Created “{automation.name}”. {automation.isActive ? "It is active and runs on the next matching event." : "It is off until you switch it on."}
    </p>
  );
}
