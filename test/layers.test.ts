// The import direction: app → components → lib → db, and lib/engine, the pure rule engine, reaches
// only the registries it evaluates and pure text helpers. Test files and test support may reach anywhere.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    const isSource = /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !/test-support|rls-(world|cases)/.test(entry.name);
    return isSource ? [rel] : [];
  });
}

/** Every module a file imports, as a path from the repository's root ("lib/env", "db/client"). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].flatMap(([, spec]) => {
    if (spec.startsWith("@/")) return [spec.slice(2)];
    if (spec.startsWith(".")) return [path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec))];
    return [];
  });
}

// Pure text helpers (lib/text) are allowed too: they import nothing.
const REGISTRIES = ["lib/text", "lib/automations/actions", "lib/automations/conditions", "lib/automations/field-catalog", "lib/automations/fields", "lib/automations/operators", "lib/automations/triggers", "lib/automations/values"];

const RULES: Array<{ layer: string; refuses: (target: string) => boolean; says: string }> = [
  { layer: "db", refuses: (t) => /^(lib|components|app)\//.test(t), says: "db/ imports nothing above it" },
  { layer: "lib", refuses: (t) => /^(components|app)\//.test(t), says: "lib/ imports neither components/ nor app/" },
  { layer: "components", refuses: (t) => /^(db|app)\//.test(t), says: "components/ neither opens the database nor imports routes" },
  {
    layer: "lib/engine",
    refuses: (t) => !t.startsWith("lib/engine") && !REGISTRIES.some((r) => t === r || t.startsWith(`${r}/`)) && /^(lib|db|components|app)\//.test(t),
    says: "lib/engine imports only itself, the registries and pure text helpers",
  },
];

describe("layers", () => {
  it.each(RULES)("$says", (rule) => {
    const offences = sourceFiles(rule.layer).flatMap((file) => importsOf(file).filter(rule.refuses).map((target) => `${file} → ${target}`));
    expect(offences).toEqual([]);
  });
});
