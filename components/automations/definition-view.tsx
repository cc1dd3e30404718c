// An automation definition in words: when, if, then. Used for versions, templates and run pages.
import type { AutomationDefinition } from "@/lib/automations/definition";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import { describeAction, summarizeConditions } from "@/lib/automations/summaries";
import { describeTrigger, triggerEntity } from "@/lib/automations/triggers";

/** `catalog`: the workspace's fields and stages, so custom ones read by their labels. */
export function DefinitionView({ definition, label, catalog }: { definition: AutomationDefinition; label?: string; catalog?: FieldCatalog }) {
  return (
    <ul aria-label={label} className="space-y-1 rounded-md bg-surface-sunken px-3 py-2 text-sm text-ink">
      <li><span className="font-medium text-ink-faint">Name</span> {definition.name}</li>
      <li><span className="font-medium text-ink-faint">When</span> {describeTrigger(definition.trigger, catalog).replace(/^When /, "")}</li>
      <li><span className="font-medium text-ink-faint">If</span> {summarizeConditions(definition.conditions, catalog)}</li>
      {definition.actions.map((action, index) => (
        <li key={index}><span className="font-medium text-ink-faint">Then {index + 1}.</span> {describeAction(action, triggerEntity(definition.trigger))}</li>
      ))}
    </ul>
  );
}
