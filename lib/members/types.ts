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
