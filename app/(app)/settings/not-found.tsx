// Not found under /settings. A member who opens an admins-only page (requireAdmin answers "not
// found" so nothing is revealed) is told why instead of a bare 404.
import { headers } from "next/headers";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NEXT_PATH_HEADER } from "@/lib/auth/config";
import { getSession } from "@/lib/auth/session";

const ADMIN_AREAS: Array<{ prefix: string; what: string }> = [
  { prefix: "/settings/webhooks", what: "manage webhooks" },
  // Not "manage members": the words should not read as the members page's own heading.
  { prefix: "/settings/members", what: "manage who belongs to this workspace" },
  { prefix: "/settings/workspace", what: "change the workspace's settings" },
];

export default async function SettingsNotFound() {
  const [session, requestHeaders] = await Promise.all([getSession(), headers()]);
  const path = requestHeaders.get(NEXT_PATH_HEADER) ?? "";
  const area = ADMIN_AREAS.find((entry) => path === entry.prefix || path.startsWith(`${entry.prefix}/`) || path.startsWith(`${entry.prefix}?`));
  const adminsOnly = area && session && session.workspace.role !== "admin";
  return (
    <Card className="px-6 py-14 text-center">
      <h1 className="text-xl font-semibold text-ink">{adminsOnly ? `Only workspace admins can ${area.what}` : "Page not found"}</h1>
      <p className="mx-auto mt-2 max-w-md text-sm text-ink-muted">
        {adminsOnly ? `Ask an admin of ${session.workspace.name} if you need a change here.` : "The link may be out of date."}
      </p>
      <Link href="/settings/automations" className={buttonClass("secondary", "mt-6")}>
        Back to automations
      </Link>
    </Card>
  );
}
