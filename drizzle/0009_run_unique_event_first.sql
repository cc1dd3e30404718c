ALTER TABLE "automation_runs" DROP CONSTRAINT "automation_runs_automation_event_key";--> statement-breakpoint
DROP INDEX "automation_runs_event_idx";--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_event_automation_key" UNIQUE("event_id","automation_id");