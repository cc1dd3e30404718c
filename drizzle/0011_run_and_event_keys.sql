-- One composite key where two single-column keys were checked on every row an event writes. A run
-- referenced its workspace and its automation separately, and an event and its delivery log entry
-- their workspace and their source: two lookups (each a locked read of the parent row) per row,
-- about ten of the ~35 foreign-key checks an event cost. Now:
-- * automation_runs (automation_id, workspace_id) → automations (id, workspace_id);
-- * events and inbound_deliveries (source_id, workspace_id) → webhook_sources (id, workspace_id);
-- * run_actions keeps its key to the run only (the run's own key vouches for the workspace, and
--   deleting the run or the workspace removes the run's actions through it).
-- One lookup per row, and stronger: a run's workspace must now be its automation's, an event's its
-- source's. Deletes cascade as before (workspace → automations and sources → runs and events).
-- The new keys are in place before the old ones go, and existing history is checked against them.
ALTER TABLE "automations" ADD CONSTRAINT "automations_id_workspace_key" UNIQUE("id","workspace_id");--> statement-breakpoint
ALTER TABLE "webhook_sources" ADD CONSTRAINT "webhook_sources_id_workspace_key" UNIQUE("id","workspace_id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_source_fk" FOREIGN KEY ("source_id","workspace_id") REFERENCES "public"."webhook_sources"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_source_fk" FOREIGN KEY ("source_id","workspace_id") REFERENCES "public"."webhook_sources"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_automation_fk" FOREIGN KEY ("automation_id","workspace_id") REFERENCES "public"."automations"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_workspaces_id_fk";--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_source_id_webhook_sources_id_fk";--> statement-breakpoint
ALTER TABLE "inbound_deliveries" DROP CONSTRAINT "inbound_deliveries_workspace_id_workspaces_id_fk";--> statement-breakpoint
ALTER TABLE "inbound_deliveries" DROP CONSTRAINT "inbound_deliveries_source_id_webhook_sources_id_fk";--> statement-breakpoint
ALTER TABLE "automation_runs" DROP CONSTRAINT "automation_runs_workspace_id_workspaces_id_fk";--> statement-breakpoint
ALTER TABLE "automation_runs" DROP CONSTRAINT "automation_runs_automation_id_automations_id_fk";--> statement-breakpoint
ALTER TABLE "run_actions" DROP CONSTRAINT "run_actions_workspace_id_workspaces_id_fk";
