-- app.record_events: the writes of several accepted events in one call, one transaction and one
-- commit (group commit). Webhook deliveries that arrive while earlier writes are in flight queue in
-- the server and go to the database together (lib/runs/write-batcher.ts); each element is exactly
-- what app.record_event takes, and the result is the array of its results, in order. An error in
-- any element rolls back the whole call, and the caller then writes each event on its own, so one
-- event's failure is never another's.
CREATE OR REPLACE FUNCTION app.record_events(ps jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_p jsonb;
  v_results jsonb[] := ARRAY[]::jsonb[];
BEGIN
  FOR v_p IN SELECT e.value FROM jsonb_array_elements(ps) AS e LOOP
    v_results := v_results || app.record_event(v_p);
  END LOOP;
  RETURN to_jsonb(v_results);
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app.record_events(jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.record_events(jsonb) TO service_role;
