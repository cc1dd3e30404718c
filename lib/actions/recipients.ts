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

export function resolveUser(ctx: ActionContext, recipient: UserRecipient): Resolved<DirectoryUser> {
  switch (recipient.kind) {
    case "deal_owner":
      return entityOwner(ctx);
    case "automation_owner": {
      const user = ctx.users.member(ctx.automation.ownerId);
      return user ? { ok: true, value: user } : { ok: false, error: "The automation's owner is no longer a member of this workspace" };
    }
    case "member": {
      const user = ctx.users.member(recipient.userId);
      return user ? { ok: true, value: user } : { ok: false, error: "The chosen member is no longer in this workspace" };
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
