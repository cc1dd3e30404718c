import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { migratePglite, migratePostgres } from "@/db/migrate";

/**
 * Migrates once per test run: a PGlite data-dir dump that every test file loads, and, when
 * DATABASE_URL is set, a template database on the server that every test file clones.
 */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-test-"));
  const template = await PGlite.create();
  await migratePglite(template);
  const dump = await template.dumpDataDir("none");
  const dumpPath = path.join(workDir, "template.tar");
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  provide("pgliteTemplate", dumpPath);

  let templateDb: string | undefined;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    templateDb = `crm_test_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${templateDb}`);
    await migratePostgres(withDatabase(serverUrl, templateDb));
    provide("postgresTemplate", templateDb);
    await admin.end();
  }

  return async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    if (serverUrl && templateDb) {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${templateDb} with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
