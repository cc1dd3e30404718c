// Previous / next links for the automations list, keeping every other URL parameter.

import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PAGE_SIZE } from "@/lib/automations/list-automations-page";

type Props = { page: number; pageCount: number; total: number; params: Record<string, string | undefined> };

function hrefFor(params: Props["params"], page: number): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value && key !== "page" && key !== "created") next.set(key, value);
  if (page > 1) next.set("page", String(page));
  const search = next.toString();
  return search ? `/settings/automations?${search}` : "/settings/automations";
}

export function ListPagination({ page, pageCount, total, params }: Props) {
  if (pageCount <= 1) return null;
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-ink-muted">
        Showing {first}–{last} of {total} (page {page} of {pageCount})
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefFor(params, page - 1)} className={buttonClass("secondary")} rel="prev">
            Previous page
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link href={hrefFor(params, page + 1)} className={buttonClass("secondary")} rel="next">
            Next page
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
