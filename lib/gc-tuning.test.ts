import { describe, expect, it } from "vitest";
import { SERVER_V8_FLAGS, tuneGarbageCollector } from "./gc-tuning";

function tune(execArgv: string[]): { applied: string[]; set: string[] } {
  const set: string[] = [];
  const applied = tuneGarbageCollector(execArgv, (flag) => set.push(flag));
  return { applied, set };
}

describe("tuneGarbageCollector", () => {
  it("sets every server flag when the command line sets none", () => {
    expect(tune([])).toEqual({ applied: [...SERVER_V8_FLAGS], set: [...SERVER_V8_FLAGS] });
    expect(tune(["--enable-source-maps", "--max-old-space-size=4096"]).set).toEqual([...SERVER_V8_FLAGS]);
  });

  it("leaves a flag the command line sets, in any spelling, to the command line", () => {
    for (const given of ["--allocation-site-pretenuring", "--no-allocation-site-pretenuring", "--allocation_site_pretenuring"]) {
      expect({ given, set: tune([given]).set }).toEqual({ given, set: ["--heap-growing-percent=500"] });
    }
    for (const given of ["--heap-growing-percent=0", "--heap_growing_percent=100"]) {
      expect({ given, set: tune([given]).set }).toEqual({ given, set: ["--no-allocation-site-pretenuring"] });
    }
    expect(tune(["--heap-growing-percent=0", "--allocation-site-pretenuring"]).set).toEqual([]);
  });

  it("ignores arguments that are not flags", () => {
    expect(tune(["heap-growing-percent=0", "allocation-site-pretenuring"]).set).toEqual([...SERVER_V8_FLAGS]);
  });
});
