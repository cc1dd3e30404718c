// `npm run send-event` as a user runs it: a bad command line prints what was wrong and the usage
// (exit 2), never a stack trace; a good one with --print prints a curl command.
import { describe, expect, it } from "vitest";
import { runScript } from "@/test/run-script";

const sendEvent = (args: string[]) => runScript("scripts/send-event.ts", args);

describe("npm run send-event", () => {
  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--url"], "Option '--url <value>' argument missing"],
    [["stray"], "Unexpected argument 'stray'"],
    [["--secret", "whsec_x"], "--url is required"],
  ])("%j prints the problem and the usage, exit 2", async (args, problem) => {
    const result = await sendEvent(args);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(problem)).toBe(true);
    expect(result.stderr).toContain("Usage: npm run send-event -- --url <endpoint URL> --secret <whsec_…> [options]");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe("");
  });

  it("prints a signed curl command with --print", async () => {
    const result = await sendEvent(["--url", "http://localhost:3000/api/webhooks/x", "--secret", "whsec_" + Buffer.from("secret").toString("base64"), "--print"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^curl -sS -X POST 'http:\/\/localhost:3000\/api\/webhooks\/x'/);
    expect(result.stdout).toContain("webhook-signature: v1,");
  });
});
