/**
 * The invitation email's text. It links to the invitations page (after sign-in) and to sign-up for
 * someone without an account; it never says which of the two applies.
 */
export function invitationEmail(params: { appUrl: string; workspaceName: string; inviterEmail: string; role: string }): {
  subject: string;
  body: string;
} {
  const base = params.appUrl.replace(/\/+$/, "");
  const subject = `You are invited to ${params.workspaceName.slice(0, 80)}`;
  const body = [
    `${params.inviterEmail} invited you to join the workspace "${params.workspaceName}" as ${params.role === "admin" ? "an admin" : "a member"}.`,
    "",
    `Sign in with this email address to accept or decline: ${base}/invitations`,
    `No account yet? Sign up with this email address: ${base}/sign-up?next=%2Finvitations`,
    "",
    "The invitation expires in 14 days. If you did not expect it, ignore this message.",
  ].join("\n");
  return { subject, body };
}
