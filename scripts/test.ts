// npm test: unit and integration tests (PGlite, and the server too when DATABASE_URL is set), then
// one production build and the end-to-end specs in Chromium.
import { run } from "./run";

const started = Date.now();
await run("npx", ["vitest", "run"]);
await run("npx", ["tsx", "scripts/e2e.ts"]);
console.log(`all tests passed in ${Math.round((Date.now() - started) / 1000)} s`);
