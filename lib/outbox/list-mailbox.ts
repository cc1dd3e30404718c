// The workspace's mailbox: emails kept rather than sent because no SMTP server is configured,
// newest first. Admins only (row-level security).

import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailboxMessages } from "@/db/schema";
import { withUser, type UserClaims } from "@/db/with-user";

export const MAILBOX_PAGE = 50;

export type MailboxMessage = { id: number; runId: string | null; to: string; subject: string; text: string; reason: string; createdAt: Date };

export function listMailbox(db: Db, claims: UserClaims, params: { workspaceId: string; limit?: number }): Promise<MailboxMessage[]> {
  return withUser(db, claims, (tx) =>
    tx
      .select({
        id: mailboxMessages.id,
        runId: mailboxMessages.runId,
        to: mailboxMessages.to,
        subject: mailboxMessages.subject,
        text: mailboxMessages.text,
        reason: mailboxMessages.reason,
        createdAt: mailboxMessages.createdAt,
      })
      .from(mailboxMessages)
      .where(and(eq(mailboxMessages.workspaceId, params.workspaceId)))
      .orderBy(desc(mailboxMessages.createdAt), desc(mailboxMessages.id))
      .limit(params.limit ?? MAILBOX_PAGE),
  );
}
