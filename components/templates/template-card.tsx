import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

export function TemplateCard({ name, description, needs, href, extra }: { name: string; description: string; needs: string[]; href: string; extra?: ReactNode }) {
  return (
    <li className="flex flex-col justify-between gap-3 rounded-card border border-surface-line bg-white p-4 shadow-sm">
      <div>
        <h3 className="font-medium text-ink">{name}</h3>
        <p className="mt-1 text-sm text-ink-muted">{description}</p>
        {needs.length > 0 ? <p className="mt-1 text-xs text-ink-faint">Needs {needs.join(" and ")}</p> : null}
      </div>
      <div className="flex items-center gap-2">
        <Link href={href} className={buttonClass("secondary")} aria-label={`Use template ${name}`}>
          Use template
        </Link>
        {extra}
      </div>
    </li>
  );
}
