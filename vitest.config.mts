import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: import.meta.dirname },
      { find: "server-only", replacement: path.resolve(import.meta.dirname, "test/empty-module.ts") },
      // One graphql: GraphQL Yoga loads its CommonJS build, so our imports must too (a schema built
      // by one copy cannot be validated by the other).
      { find: /^graphql$/, replacement: path.resolve(import.meta.dirname, "node_modules/graphql/index.js") },
    ],
  },
  test: {
    // `npm run test:slow` (VITEST_SLOW=1) runs the *.slow.test.ts files: faults, soaks and
    // multi-process checks too slow for `npm test`.
    include: process.env.VITEST_SLOW === "1" ? ["**/*.slow.test.ts"] : ["**/*.test.ts"],
    exclude: ["node_modules", ".next", "e2e", ".data*", ...(process.env.VITEST_SLOW === "1" ? [] : ["**/*.slow.test.ts"])],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // PGlite instances cost ~300 MB and a core each: keep concurrency modest on two cores.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
