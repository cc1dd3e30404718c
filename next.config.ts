import type { NextConfig } from "next";

export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

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
  // On every response, pages and API routes alike: no framing by other sites (clickjacking of the
  // webhooks page and its buttons), no MIME sniffing, no full URLs leaked to other origins. A script
  // policy is left out: it would need a nonce per request.
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
  async rewrites() {
    return [{ source: "/api/webhooks/:sourceId", destination: "/api/webhooks" }];
  },
  // A profiled benchmark (BENCH_PROFILE) needs readable function names in the server's profile.
  ...(process.env.BENCH_UNMINIFIED === "1" ? { experimental: { turbopackMinify: false } } : {}),
};

export default nextConfig;
