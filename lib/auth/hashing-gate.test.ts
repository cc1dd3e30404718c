import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/result";
import { BUSY_MESSAGE, HashingGate } from "./hashing-gate";

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe("the hashing gate", () => {
  it("runs at most `concurrency` at once, queues a few, and refuses the rest at once", async () => {
    const gate = new HashingGate(2, 3);
    const blocker = deferred();
    let running = 0;
    let most = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await blocker.done;
      running--;
      return "hashed";
    };
    const accepted = Array.from({ length: 5 }, () => gate.run(work));
    expect(gate.load).toEqual({ running: 2, waiting: 3 });
    expect(gate.full).toBe(true);
    const started = performance.now();
    const refused = await gate.run(work).catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(50);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "rate_limited", message: BUSY_MESSAGE, status: 429 });
    blocker.release();
    expect(await Promise.all(accepted)).toEqual(Array(5).fill("hashed"));
    expect(most).toBe(2);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    expect(gate.full).toBe(false);
  });

  it("frees the slot when the work fails", async () => {
    const gate = new HashingGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error("scrypt failed")))).rejects.toThrow("scrypt failed");
    expect(await gate.run(async () => 1)).toBe(1);
  });

  it("a flood of 40 attempts costs the work of a queue's length, the rest refused before any work", async () => {
    const gate = new HashingGate(2, 8);
    let ran = 0;
    const slow = () => new Promise<void>((resolve) => setTimeout(() => resolve(void ran++), 20));
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => gate.run(slow).then(() => "ran", () => "refused")));
    expect(outcomes.filter((o) => o === "ran")).toHaveLength(10);
    expect(ran).toBe(10);
    // Once the flood has drained, the next attempt runs straight away.
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    expect(await gate.run(async () => "real sign-in")).toBe("real sign-in");
  });
});
