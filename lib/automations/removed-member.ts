// How an automation that still names a removed member says so, the same on its page and in the list.

export function removedMemberProblem(email: string): string {
  return `An action names ${email}, who was removed from this workspace.`;
}
