import type { NamedIn } from "@/lib/members/member-automations";
import type { Member } from "@/lib/members/types";
import { MemberRow } from "./member-row";

type Props = { members: Member[]; currentUserId: string; namedIn: Record<string, NamedIn[]> };

export function MembersTable({ members, currentUserId, namedIn }: Props) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Members of this workspace</caption>
      <thead className="border-b border-surface-line text-xs uppercase tracking-wide text-ink-muted">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">Email</th>
          <th scope="col" className="py-2 pr-4 font-medium">Role</th>
          <th scope="col" className="py-2 pr-4 font-medium">CRM user id</th>
          <th scope="col" className="py-2 text-right font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-surface-line">
        {members.map((member) => (
          <MemberRow
            key={member.userId}
            member={member}
            isYou={member.userId === currentUserId}
            namedIn={namedIn[member.userId] ?? []}
            successors={members.filter((other) => other.userId !== member.userId).map((other) => ({ userId: other.userId, email: other.email }))}
          />
        ))}
      </tbody>
    </table>
  );
}
