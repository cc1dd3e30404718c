// Who an action is for. Every failure is a sentence the automation's owner can act on; a failure
// caused by the event (no owner, or an owner not mapped to a member) says so with `problem`, and the
// action's fallback ("if the deal owner cannot be found") may address someone else or skip instead.

import type { OwnerFallback } from "@/lib/automations/actions";
import type { EventProblem } from "./event-problems";
import type { DirectoryUser } from "./user-directory";
import { entityOwnerRef } from "./user-directory";
import type { ActionContext } from "./types";

export type UserRecipient = { kind: "deal_owner" } | { kind: "automation_owner" } | { kind: "member"; userId: string };
export type EmailRecipient = UserRecipient | { kind: "address"; address: string };

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string; problem?: EventProblem };
/** `fallback`: who was addressed instead of the deal owner, and why; `skip`: the fallback said to skip. */
export type Recipient<T> =
  | { ok: true; value: T; fallback?: { reason: string } }
  | { ok: false; error: string; problem?: EventProblem }
  | { ok: "skip"; reason: string };

function entityOwner(ctx: ActionContext): Resolved<DirectoryUser> {
  const { entity } = ctx.event;
  const ref = entityOwnerRef(entity.data);
  if (!ref) {
    return {
      ok: false,
      error: `The ${entity.type} has no owner_id, so there is no ${entity.type} owner to address`,
      problem: { kind: "owner_missing", entityType: entity.type },
    };
  }
  const user = ctx.users.resolve(ref);
  if (!user) {
    return {
      ok: false,
      error: `The ${entity.type} owner “${ref}” is not a member of this workspace: no member has that CRM user id or email (set it on the Members page)`,
      problem: { kind: "owner_unmapped", entityType: entity.type, ref },
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

/** The recipient, or when the event's owner cannot be found, what the fallback says. */
export function resolveRecipient(ctx: ActionContext, recipient: UserRecipient, fallback: OwnerFallback | undefined): Recipient<DirectoryUser> {
  const user = resolveUser(ctx, recipient);
  if (user.ok || !user.problem || !fallback) return user;
  if (fallback.kind === "skip") return { ok: "skip", reason: `${user.error}: skipped, as this action's fallback says` };
  const instead = resolveUser(ctx, fallback);
  // The fallback's own failure (a removed member) is the automation's problem, not the event's.
  return instead.ok ? { ok: true, value: instead.value, fallback: { reason: user.error } } : { ok: false, error: `${user.error}, and the fallback failed: ${instead.error}` };
}

/** An email address: a literal one, or the address of a resolved user (with the fallback). */
export function resolveEmail(ctx: ActionContext, recipient: EmailRecipient, fallback?: OwnerFallback): Recipient<string> {
  if (recipient.kind === "address") return { ok: true, value: recipient.address };
  const user = resolveRecipient(ctx, recipient, fallback);
  return user.ok === true ? { ok: true, value: user.value.email, fallback: user.fallback } : user;
}

/** What a fallback adds to an action's output, so the run page says who got it instead and why. */
export function fallbackOutput(recipient: { fallback?: { reason: string } }): Record<string, unknown> {
  return recipient.fallback ? { fallbackReason: recipient.fallback.reason } : {};
}
