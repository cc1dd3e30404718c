-- The event write waits for row locks (its foreign-key checks lock the source, the workspace, the
-- assignees and the automations) for at most 3 s: past that it fails with 55P03 and the delivery is
-- answered 503 with Retry-After instead of waiting for whoever holds the lock. Set on the functions
-- (reverted when they return), never on the connection: migrations, pruning and long jobs share the pool.
ALTER FUNCTION app.record_event(jsonb) SET lock_timeout = '3s';
--> statement-breakpoint
ALTER FUNCTION app.record_events(jsonb[]) SET lock_timeout = '3s';
