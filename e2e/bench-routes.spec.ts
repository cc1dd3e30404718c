// The benchmark's routes exist only in builds made with BENCH=1 (next.config.ts's pageExtensions):
// the production build these specs run against must answer them as unknown paths.
import { expect, test } from "@playwright/test";

const BENCH_ROUTES = [
  { method: "POST", path: "/api/bench/baseline", data: { type: "deal.updated", entity: { type: "deal", id: "d1", data: {} } } },
  { method: "GET", path: "/api/bench/stats" },
  { method: "GET", path: "/api/bench/gc?since=0" },
] as const;

test("a production build has none of the benchmark's routes", async ({ request }) => {
  for (const route of BENCH_ROUTES) {
    const response = await request.fetch(route.path, { method: route.method, data: "data" in route ? route.data : undefined, maxRedirects: 0 });
    expect(response.status(), `${route.method} ${route.path}`).toBe(404);
  }
});
