// npm run test:slow: the fault, soak and multi-process tests (*.slow.test.ts). One production build
// first, which the tests that start `next start` processes share.
import { run } from "./run";

const started = Date.now();
await run("npx", ["next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
await run("npx", ["vitest", "run", "--passWithNoTests"], { VITEST_SLOW: "1" });
console.log(`slow tests passed in ${Math.round((Date.now() - started) / 1000)} s`);
