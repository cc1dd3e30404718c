import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { authUsers } from "./auth";
import { workspaces } from "./workspaces";

/** Personal API tokens (drizzle/0017): only the SHA-256 of a token is kept, with its display prefix. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    unique("api_tokens_token_hash_key").on(t.tokenHash),
    index("api_tokens_user_workspace_idx").on(t.userId, t.workspaceId, t.createdAt),
    check("api_tokens_name_check", sql`length(${t.name}) between 1 and 100`),
    check("api_tokens_prefix_check", sql`length(${t.prefix}) = 12`),
  ],
);
