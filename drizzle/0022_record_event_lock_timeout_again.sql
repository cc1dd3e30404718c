-- 0019 replaced app.record_event, and CREATE OR REPLACE drops a function's SET clauses: put back
-- the 3 s lock_timeout of 0016 (the event write never waits longer than that for a row lock).
ALTER FUNCTION app.record_event(jsonb) SET lock_timeout = '3s';
--> statement-breakpoint
ALTER FUNCTION app.record_events(jsonb[]) SET lock_timeout = '3s';
