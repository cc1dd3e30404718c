// Who an action is for. Every failure is a sentence the automation's owner can act on.

import type { DirectoryUser } from "./user-directory";
import { entityOwnerRef } from "./user-directory";
import type { ActionContext } from "./types";

export type UserRecipient = { kind: "deal_owner" } | { kind: "automation_owner" } | { kind: "member"; userId: string };
export type EmailRecipient = UserRecipient | { kind: "address"; address: string };

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

function entityOwner(ctx: ActionContext): Resolved<DirectoryUser> {
  const { entity } = ctx.event;
  const ref = entityOwnerRef(entity.data);
  if (!ref) return { ok: false, error: `The ${entity.type} has no owner_id, so there is no ${entity.type} owner to address` };
  const user = ctx.users.resolve(ref);
  if (!user) {
    return {
      ok: false,
      error: `The ${entity.type} owner “${ref}” is not a member of this workspace: no member has that CRM user id or email (set it on the Members page)`,
    };
  }
  return { ok: true, value: user };
}

/** Names the person where the workspace remembers them, so the fix is obvious. */
export function removedMemberError(email: string | undefined): string {
  return email
    ? `${email} was removed from this workspace: choose someone else in the automation`
    : "The chosen member is no longer in this workspace: choose someone else in the automation";
}

export function resolveUser(ctx: ActionContext, recipient: UserRecipient): Resolved<DirectoryUser> {
  switch (recipient.kind) {
    case "deal_owner":
      return entityOwner(ctx);
    case "automation_owner": {
      const user = ctx.users.member(ctx.automation.ownerId);
      if (user) return { ok: true, value: user };
      const removed = ctx.users.removedMember(ctx.automation.ownerId);
      return { ok: false, error: removed ? `The automation's owner ${removed} was removed from this workspace` : "The automation's owner is no longer a member of this workspace" };
    }
    case "member": {
      const user = ctx.users.member(recipient.userId);
      if (user) return { ok: true, value: user };
      return { ok: false, error: removedMemberError(ctx.users.removedMember(recipient.userId)) };
    }
    default:
      return { ok: false, error: `Unknown recipient “${String((recipient as { kind?: unknown }).kind)}”` };
  }
}

/** An email address: a literal one, or the address of a resolved user. */
export function resolveEmail(ctx: ActionContext, recipient: EmailRecipient): Resolved<string> {
  if (recipient.kind === "address") return { ok: true, value: recipient.address };
  const user = resolveUser(ctx, recipient);
  return user.ok ? { ok: true, value: user.value.email } : user;
}
