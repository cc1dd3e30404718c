import { pgSchema, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The Supabase `auth.users` table as this app uses it. On Supabase the table already exists (with
 * more columns); elsewhere the shim migration creates it. drizzle-kit never generates it: this file
 * is not part of the schema set listed in drizzle.config.ts.
 */
export const authSchema = pgSchema("auth");

export const authUsers = authSchema.table("users", {
  id: uuid("id").primaryKey(),
  email: text("email"),
  encryptedPassword: text("encrypted_password"),
  createdAt: timestamp("created_at", { withTimezone: true }),
});
