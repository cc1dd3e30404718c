// /api/health's report on both drivers: ok with its figures while the database answers, and
// "unavailable" with a reason, quickly, when it does not.
import { describe, expect, it } from "vitest";
import { createTestDb, TEST_DRIVERS } from "@/test/db";
import { checkHealth, HEALTH_TIMEOUT_MS } from "./check-health";

describe.each(TEST_DRIVERS)("health check on %s", (driver) => {
  it("reports ok with the round trip and the write queue while the database answers", async () => {
    const handle = await createTestDb(driver);
    try {
      const report = await checkHealth(() => Promise.resolve(handle), driver);
      expect(report).toMatchObject({ status: "ok", database: driver, write_queue: 0, oldest_wait_ms: 0 });
      expect(report.db_rtt_ms).toBeGreaterThanOrEqual(0);
      expect(report.reason).toBeUndefined();
    } finally {
      await handle.close();
    }
  });

  it("reports unavailable with a reason once the database is gone", async () => {
    const handle = await createTestDb(driver);
    await handle.close();
    const started = performance.now();
    const report = await checkHealth(() => Promise.resolve(handle), driver);
    expect(performance.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS + 500);
    expect(report).toMatchObject({ status: "unavailable", database: driver, db_rtt_ms: null });
    expect(report.reason).toMatch(/\S/);
  });

  it("reports unavailable when the database cannot even be opened in time", async () => {
    const report = await checkHealth(() => new Promise(() => {}), driver);
    expect(report).toMatchObject({ status: "unavailable", reason: expect.stringContaining("opening the database") });
  });
});
