-- When the next round of history pruning is due, and which process holds the round in progress:
-- one row, read and written only on the service path (lib/runs/schedule-history-pruning.ts). Every
-- server process checks it once a minute; the one whose update claims a due round runs it and books
-- the next. So several processes run one round an hour between them, not one each, and a restart
-- does not bring a round forward. The first round is due an hour after this table is created: a
-- new database has nothing to prune, and an existing one loses nothing by waiting an hour.
CREATE TABLE app.history_pruning (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  next_round_at timestamptz NOT NULL,
  -- Set while a process runs a round; a round whose process died is taken over once it has passed.
  lease_until timestamptz
);
--> statement-breakpoint
INSERT INTO app.history_pruning (next_round_at) VALUES (now() + interval '1 hour');
--> statement-breakpoint
-- No policies and no grants: neither signed-in users nor anonymous callers can read or change it.
ALTER TABLE app.history_pruning ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON app.history_pruning FROM PUBLIC;
