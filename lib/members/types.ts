import type { WorkspaceRole } from "@/lib/auth/types";

export interface Member {
  userId: string;
  email: string;
  role: WorkspaceRole;
  crmUserId: string | null;
  joinedAt: Date;
}

/** What a member form shows after its action ran. */
export interface MemberFormState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Bumped on every success so a form can reset its inputs. */
  version?: number;
}

/** A pending invitation as the workspace's admins see it. */
export interface PendingInvitation {
  id: string;
  email: string;
  role: WorkspaceRole;
  invitedByEmail: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** A pending invitation as its invitee sees it. */
export interface MyInvitation {
  id: string;
  workspaceName: string;
  role: WorkspaceRole;
  invitedByEmail: string | null;
  createdAt: Date;
}
