// The automation version a run used, as it was when the run happened, with a link to compare it
// with the automation's current definition.

import Link from "next/link";
import { DefinitionView } from "@/components/automations/definition-view";
import type { FieldCatalog } from "@/lib/automations/field-catalog";
import type { RunDetail } from "@/lib/runs/get-run-detail";

export function RunVersion({ detail, catalog }: { detail: RunDetail; catalog?: FieldCatalog }) {
  const { run, automation, ranVersion } = detail;
  if (!automation) {
    return <p className="text-sm text-ink-muted">Version {run.automationVersion} ran. The automation itself is not visible to you.</p>;
  }
  const current = automation.version === run.automationVersion;
  const versionHref = `/settings/automations/${automation.id}/versions/${run.automationVersion}`;
  return (
    <div className="space-y-2 text-sm">
      <p>
        Version {run.automationVersion} of{" "}
        {automation.deletedAt ? (
          <span className="font-medium">{automation.name}</span>
        ) : (
          <Link href={`/settings/automations/${automation.id}`} className="font-medium text-brand-700 underline">{automation.name}</Link>
        )}{" "}
        ran
        {automation.deletedAt
          ? ". The automation has since been deleted."
          : current
            ? ", which is the current version."
            : `. It has been edited since and is now at version ${automation.version}.`}{" "}
        {automation.deletedAt ? null : (
          <Link href={`/settings/automations/${automation.id}/runs`} className="text-brand-700 underline">All runs of this automation</Link>
        )}
      </p>
      {ranVersion ? (
        <>
          <p className="text-ink-muted">As it was when this run happened:</p>
          <DefinitionView definition={ranVersion.definition} label={`Version ${run.automationVersion}`} catalog={catalog} />
          {!current && !automation.deletedAt ? (
            <Link href={versionHref} className="inline-block text-brand-700 hover:underline">Compare version {run.automationVersion} with the current version</Link>
          ) : null}
        </>
      ) : (
        <p className="text-ink-muted">This run is older than the automation's version history, so its definition was not kept.</p>
      )}
    </div>
  );
}
