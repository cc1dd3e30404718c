// The workspace members an event's actions may address, looked up in memory after one query per
// event (load-user-directory.ts). A CRM names people by its own ids: `owner_id` resolves through
// workspace_members.crm_user_id first, then as one of our user ids, then as an email address.

export type DirectoryUser = { id: string; email: string; name: string | null; crmUserId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** How an entity names its owner: `owner_id` (CRM id, user id or email), else `owner_email`. */
export function entityOwnerRef(data: Record<string, unknown>): string | null {
  const id = Object.hasOwn(data, "owner_id") ? data.owner_id : undefined;
  if ((typeof id === "string" && id.trim() !== "") || (typeof id === "number" && Number.isFinite(id))) return String(id).trim();
  const email = Object.hasOwn(data, "owner_email") ? data.owner_email : undefined;
  return typeof email === "string" && email.trim() !== "" ? email.trim() : null;
}

export class UserDirectory {
  private readonly byId = new Map<string, DirectoryUser>();
  private readonly byCrmId = new Map<string, DirectoryUser>();
  private readonly byEmail = new Map<string, DirectoryUser>();

  private readonly removed = new Map<string, string>();

  /** `removed`: people no longer members, by user id, with their address (to name them in errors). */
  constructor(users: readonly DirectoryUser[] = [], removed: readonly { id: string; email: string }[] = []) {
    for (const person of removed) this.removed.set(person.id, person.email);
    for (const user of users) {
      this.byId.set(user.id, user);
      if (user.crmUserId) this.byCrmId.set(user.crmUserId, user);
      this.byEmail.set(user.email.toLowerCase(), user);
    }
  }

  /** A member by our user id. */
  member(userId: string): DirectoryUser | undefined {
    return this.byId.get(userId);
  }

  /** The address of someone removed from the workspace, by user id. */
  removedMember(userId: string): string | undefined {
    return this.removed.get(userId);
  }

  /** A member by a CRM reference: CRM user id, then user id, then email. */
  resolve(ref: string): DirectoryUser | undefined {
    return this.byCrmId.get(ref) ?? this.byId.get(ref) ?? this.byEmail.get(ref.toLowerCase());
  }
}
