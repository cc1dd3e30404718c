import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";

// Shared by the member forms and their server actions.

export const MEMBER_ROLES = ["admin", "member"] as const;
export const memberRoleSchema = z.enum(MEMBER_ROLES, { error: "Choose admin or member" });

/** Blank means "none": the CRM id is optional. */
export const crmUserIdSchema = z
  .string()
  .trim()
  .max(100, "Use at most 100 characters")
  .optional()
  .transform((value) => value || null);

export const userIdSchema = z.uuid("Unknown member");

/** An invitation: the email to invite and the role they get on accepting. */
export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: memberRoleSchema,
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const invitationIdSchema = z.uuid("Unknown invitation");

export const changeRoleSchema = z.object({ userId: userIdSchema, role: memberRoleSchema });
export const changeCrmUserIdSchema = z.object({ userId: userIdSchema, crmUserId: crmUserIdSchema });
/**
 * Removing someone, and who takes over the automations that name them: "" leaves them as they are
 * (they then show the problem), "deal_owner" the deal's owner, else another member's id.
 */
export const removeMemberSchema = z
  .object({
    userId: userIdSchema,
    reassignTo: z.union([z.literal(""), z.literal("deal_owner"), z.uuid("Choose who takes over their automations")]).optional().default(""),
  })
  .refine((value) => value.reassignTo !== value.userId, { message: "Choose someone other than the person being removed", path: ["reassignTo"] });
