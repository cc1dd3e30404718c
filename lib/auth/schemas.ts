import { z } from "zod";

// Shared by the forms and the server actions (kept out of the "use server" file, which may export
// only async functions).

export const emailSchema = z
  .string({ error: "Enter your email" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email")
  .max(254, "That email is too long")
  .pipe(z.email("Enter a valid email address"));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "That password is too long"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const PASSWORD_MIN_LENGTH = 8;

export const signUpSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Choose a password" })
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(200, "Use at most 200 characters"),
  workspaceName: z
    .string()
    .trim()
    .max(80, "Use at most 80 characters")
    .optional()
    .transform((value) => value || undefined),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(1024, "That password is too long"),
  newPassword: signUpSchema.shape.password,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** "alice@example.com" → "alice's workspace": a name people recognise until they choose one. */
export function defaultWorkspaceName(email: string): string {
  const local = email.split("@")[0]?.trim() || "My";
  return `${local.slice(0, 60)}'s workspace`;
}
