import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from disk at run time; bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Separate build directories let several servers run from one checkout (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `route.bench.ts` files (the benchmark's baseline routes) exist only in builds made with BENCH=1.
  pageExtensions: process.env.BENCH === "1" ? ["tsx", "ts", "jsx", "js", "bench.ts"] : ["tsx", "ts", "jsx", "js"],
  typedRoutes: false,
  // POST /api/webhooks/{sourceId} is served by the static route app/api/webhooks/route.ts, which
  // reads the id from the path: a dynamic segment keeps each request's state alive until a full
  // garbage collection (the route's comment says how).
  async rewrites() {
    return [{ source: "/api/webhooks/:sourceId", destination: "/api/webhooks" }];
  },
  // A profiled benchmark (BENCH_PROFILE) needs readable function names in the server's profile.
  ...(process.env.BENCH_UNMINIFIED === "1" ? { experimental: { turbopackMinify: false } } : {}),
};

export default nextConfig;
