// /settings/mailbox (admins): the emails automations produced while no SMTP server is configured,
// kept here so a newcomer sees what their rules would send.
import type { Metadata } from "next";
import { MailboxList } from "@/components/mailbox/mailbox-list";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { requireAdmin } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { listMailbox } from "@/lib/outbox/list-mailbox";

export const metadata: Metadata = { title: "Mailbox" };

export default async function MailboxPage() {
  const session = await requireAdmin();
  const { db } = await getDb();
  const messages = await listMailbox(db, session.claims, { workspaceId: session.workspace.id });
  const smtp = Boolean(env().SMTP_URL);
  return (
    <>
      <PageHeader
        title="Mailbox"
        description={
          smtp
            ? "Emails are sent through the configured SMTP server. Messages kept before it was configured are listed below."
            : "No SMTP server is configured (SMTP_URL), so emails from automations and failure alerts are not delivered: they are kept here instead."
        }
      />
      <MailboxList messages={messages} />
    </>
  );
}
