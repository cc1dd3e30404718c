// What can be wrong with an event rather than with the automation: the run fails with the reason,
// but the failure never counts toward switching the automation off, and the admins get one grouped
// notification per cause (app.notify_grouped) whose count is the number of events.

export type EventProblem =
  | { kind: "owner_missing"; entityType: string }
  | { kind: "owner_unmapped"; entityType: string; ref: string };

type ProblemKind = EventProblem["kind"];

/** The grouped notification of one cause: title for one event, title for N (`%s`), body and link. */
export type ProblemNotice = { key: string; titleOne: string; titleMany: string; body: string; link: string };

type ProblemDefinition<K extends ProblemKind> = {
  key(problem: Extract<EventProblem, { kind: K }>): string;
  notice(problem: Extract<EventProblem, { kind: K }>): Omit<ProblemNotice, "key">;
};

/** `%` is format()'s escape: a CRM id is text from outside and must come out as written. */
function literal(text: string): string {
  return text.replaceAll("%", "%%");
}

const PROBLEMS: { [K in ProblemKind]: ProblemDefinition<K> } = {
  owner_unmapped: {
    key: (problem) => `owner_unmapped:${problem.ref}`,
    notice: (problem) => ({
      titleOne: `1 event named the CRM user ${problem.ref}, who is not mapped to a member: map them`,
      titleMany: `%s events named the CRM user ${literal(problem.ref)}, who is not mapped to a member: map them`,
      body: `Runs that address the ${problem.entityType} owner failed. Set ${problem.ref} as a member's CRM user id, then retry those runs.`,
      link: `/settings/members?crm=${encodeURIComponent(problem.ref)}`,
    }),
  },
  owner_missing: {
    key: (problem) => `owner_missing:${problem.entityType}`,
    notice: (problem) => ({
      titleOne: `1 event had a ${problem.entityType} without an owner`,
      titleMany: `%s events had a ${problem.entityType} without an owner`,
      body: `Runs that address the ${problem.entityType} owner failed: the CRM sent no owner_id. Give those actions a fallback (the automation owner, a member, or skip) in the automation's editor.`,
      link: "/settings/logs?status=failed",
    }),
  },
};

function definition<K extends ProblemKind>(problem: Extract<EventProblem, { kind: K }>): ProblemDefinition<K> {
  return PROBLEMS[problem.kind as K];
}

export function problemKey(problem: EventProblem): string {
  return definition(problem).key(problem as never);
}

export function problemNotice(problem: EventProblem): ProblemNotice {
  return { key: problemKey(problem), ...definition(problem).notice(problem as never) };
}

/** The CRM id of an `owner_unmapped` key (the Members page offers to map it), else null. */
export function unmappedOwnerOf(key: string): string | null {
  return key.startsWith("owner_unmapped:") ? key.slice("owner_unmapped:".length) : null;
}

export function unmappedOwnerKey(ref: string): string {
  return `owner_unmapped:${ref}`;
}
