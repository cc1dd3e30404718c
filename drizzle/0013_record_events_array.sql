-- app.record_events takes a batch as an array of jsonb values, one bind parameter per event, instead
-- of one JSON text holding them all. The server's JavaScript then never builds a string of the whole
-- batch: a batch's text is 100–270 KB, and a string over 128 KB is allocated in V8's large-object
-- space, on fresh pages, every time (a profile put 180 µs per event in joining the batch and
-- measuring its UTF-8 length; sending one parameter per event took 14 % off the ingest code's CPU
-- per event, bench/ingest-cost.ts; lib/runs/write-batcher.ts).
-- Unused slots of the fixed-size statement are NULL and skipped. Otherwise as drizzle/0010: each
-- element is exactly what app.record_event takes, the result is the array of its results in order,
-- and an error in any element rolls back the whole call.
CREATE FUNCTION app.record_events(ps jsonb[]) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_p jsonb;
  v_results jsonb[] := ARRAY[]::jsonb[];
BEGIN
  FOREACH v_p IN ARRAY ps LOOP
    CONTINUE WHEN v_p IS NULL;
    v_results := v_results || app.record_event(v_p);
  END LOOP;
  RETURN to_jsonb(v_results);
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app.record_events(jsonb[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.record_events(jsonb[]) TO service_role;
--> statement-breakpoint
DROP FUNCTION app.record_events(jsonb);
