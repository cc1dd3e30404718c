// "My follow-ups": activities assigned to the signed-in user, mostly created by automations.
import type { Metadata } from "next";
import { ActivityList } from "@/components/activities/activity-list";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { listMyActivities } from "@/lib/activities/list-my-activities";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My follow-ups" };

export default async function ActivitiesPage() {
  const session = await requireSession();
  const { db } = await getDb();
  const { open, done } = await listMyActivities(db, { claims: session.claims, workspaceId: session.workspace.id });
  const now = new Date();
  return (
    <>
      <PageHeader title="My follow-ups" description="Activities assigned to you, soonest due first. Tick one when it is done." />
      <ActivityList title="To do" activities={open} now={now} empty="Nothing to do: automations will add follow-ups here when your deals move." />
      {done.length > 0 ? <ActivityList title="Done recently" activities={done} now={now} empty="" /> : null}
    </>
  );
}
