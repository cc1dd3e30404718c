import Link from "next/link";
import type { Session } from "@/lib/auth/session";
import { signOut } from "@/lib/auth/actions";
import { NotificationBell } from "@/components/notifications/bell";
import { WorkspaceSwitcher } from "@/components/auth/workspace-switcher";
import type { NavItem } from "./nav-links";
import { ResponsiveNav } from "./responsive-nav";

function navItems(role: Session["workspace"]["role"]): NavItem[] {
  const items: NavItem[] = [
    { href: "/settings/automations", label: "Automations" },
    // Everyone: members see the runs of their own automations.
    { href: "/settings/logs", label: "Logs" },
    { href: "/activities", label: "My follow-ups" },
    { href: "/settings/api-tokens", label: "API tokens" },
  ];
  if (role === "admin") {
    items.push({ href: "/settings/webhooks", label: "Webhooks" }, { href: "/settings/mailbox", label: "Mailbox" }, { href: "/settings/members", label: "Members" });
    items.push({ href: "/settings/fields", label: "Fields" }, { href: "/settings/workspace", label: "Workspace" });
  }
  return items;
}

export function AppHeader({ session, unreadNotifications, pendingInvitations = 0 }: { session: Session; unreadNotifications: number; pendingInvitations?: number }) {
  return (
    <header className="relative border-b border-surface-line bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:gap-6 sm:px-6">
        <Link href="/settings/automations" className="flex items-center gap-2 font-semibold text-ink">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
            ⚡
          </span>
          <span className="sr-only sm:not-sr-only">Automations</span>
        </Link>
        <ResponsiveNav items={navItems(session.workspace.role)} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          {pendingInvitations > 0 ? (
            <Link href="/invitations" className="rounded-md bg-brand-50 px-2 py-1 font-medium text-brand-700 hover:bg-brand-100">
              {pendingInvitations === 1 ? "1 invitation" : `${pendingInvitations} invitations`}
            </Link>
          ) : null}
          <WorkspaceSwitcher session={session} />
          <NotificationBell unread={unreadNotifications} />
          <Link
            href="/settings/account"
            className="hidden text-ink-muted hover:text-ink sm:inline"
            title={`${session.workspace.name} · ${session.workspace.role} · account settings`}
          >
            {session.user.email}
          </Link>
          <form action={signOut}>
            <button type="submit" className="rounded-md px-2 py-1 text-ink-muted hover:bg-surface-sunken hover:text-ink">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
