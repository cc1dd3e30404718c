// A run that does not exist, was pruned, or is not the viewer's to see: one answer for all three.
import Link from "next/link";
import { Card } from "@/components/ui/card";

export default function RunNotFound() {
  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold text-ink">Run not found</h1>
      <p className="mt-1 text-sm text-ink-muted">It may have been removed by the retention policy, or it belongs to an automation you cannot see.</p>
      <Link href="/settings/logs" className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">Back to the logs</Link>
    </Card>
  );
}
