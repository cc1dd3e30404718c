// Shown for an id that does not exist, belongs to another workspace, or is someone else's (members).
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function AutomationNotFound() {
  return (
    <Card className="px-6 py-14 text-center">
      <h1 className="text-xl font-semibold text-ink">Automation not found</h1>
      <p className="mx-auto mt-2 max-w-md text-sm text-ink-muted">
        It may have been deleted, or it belongs to someone else. Members see only their own automations.
      </p>
      <Link href="/settings/automations" className={buttonClass("secondary", "mt-6")}>
        Back to automations
      </Link>
    </Card>
  );
}
