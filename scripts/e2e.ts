// npm run test:e2e [-- playwright args]: one production build, then Playwright against it.
import { run } from "./run";

await run("npx", ["next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
await run("npx", ["playwright", "test", ...process.argv.slice(2)], { NEXT_TELEMETRY_DISABLED: "1" });
