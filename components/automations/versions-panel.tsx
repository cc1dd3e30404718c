// The automation page's version history: each version with its author, time and what changed.
import Link from "next/link";
import type { VersionSummary } from "@/lib/automations/list-versions";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function VersionsPanel({ automationId, current, versions }: { automationId: string; current: number; versions: VersionSummary[] }) {
  if (versions.length === 0) return null;
  return (
    <section aria-labelledby="versions-heading" className="mt-8">
      <h2 id="versions-heading" className="mb-2 text-lg font-semibold text-ink">Versions</h2>
      <ol className="divide-y divide-surface-line rounded-card border border-surface-line bg-white text-sm">
        {versions.map((v) => (
          <li key={v.version} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
            <Link href={`/settings/automations/${automationId}/versions/${v.version}`} className="font-medium text-brand-700 hover:underline">
              Version {v.version}
            </Link>
            {v.version === current ? <span className="rounded-full bg-brand-50 px-2 text-xs text-brand-700">current</span> : null}
            <span className="text-ink-muted">{when.format(v.createdAt)} UTC · {v.authorEmail ?? "someone no longer in the workspace"}</span>
            <span className="w-full text-ink">{v.summary || "No change described"}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
