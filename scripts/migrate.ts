// npm run db:migrate: applies drizzle/ to the configured database (PGlite in DATA_DIR, or DATABASE_URL).
import { closeDb, openDb } from "@/db/client";

try {
  const { driver } = await openDb();
  console.log(`Migrations applied (${driver}).`);
  await closeDb();
} catch (error) {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exit(1);
}
