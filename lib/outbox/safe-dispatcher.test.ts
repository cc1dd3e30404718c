// SSRF protection at connect time: every refused URL points at a live loopback receiver, so a miss
// would show as a request received. Names resolve through a test resolver and public addresses are
// dialled onto the same local receiver: nothing leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { urlPolicyProblem } from "./address-policy";
import { BlockedAddressError, createSafeDispatcher, type Resolve } from "./safe-dispatcher";
import { startHttpReceiver, type HttpReceiver } from "./test-receivers";

const NAMES: Record<string, string[]> = {
  "intranet.test": ["10.1.2.3"],
  "metadata.test": ["169.254.169.254"],
  "rebind.test": ["127.0.0.1"],
  "mixed.test": ["93.184.216.34", "192.168.1.1"],
  "v6-loopback.test": ["::1"],
  "ula.test": ["fd12:3456:789a::1"],
  "cgnat.test": ["100.64.0.7"],
  "mapped.test": ["::ffff:10.0.0.1"],
  "public.test": ["93.184.216.34"],
  "public6.test": ["2606:2800:220:1:248:1893:25c8:1946"],
  localhost: ["127.0.0.1"],
};

const testResolve: Resolve = async (host) => NAMES[host] ?? ["127.0.0.1"];

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver(() => ({ status: 200, body: "ok" }));
});
afterAll(() => receiver.close());

function dispatcher() {
  const dialled: string[] = [];
  const agent = createSafeDispatcher({
    policy: { allowHosts: new Set(), allowHttp: true },
    connectTimeoutMs: 2000,
    resolve: testResolve,
    // Only ever reached for an address that passed: record it, connect to the local receiver instead.
    dial: (address) => {
      dialled.push(address);
      return { address: "127.0.0.1", port: receiver.port };
    },
  });
  return { agent, dialled };
}

function refusedUrls(port: number): string[] {
  const p = port;
  return [
    `http://127.0.0.1:${p}/`, `http://127.1:${p}/`, `http://127.0.1:${p}/`, `http://2130706433:${p}/`, `http://0x7f000001:${p}/`,
    `http://0x7f.0.0.1:${p}/`, `http://017700000001:${p}/`, `http://0177.0.0.1:${p}/`, `http://0:${p}/`, `http://0.0.0.0:${p}/`,
    `http://[::]:${p}/`, `http://[::1]:${p}/`, `http://[::ffff:127.0.0.1]:${p}/`, `http://[::ffff:169.254.169.254]:${p}/`, `http://[::ffff:7f00:1]:${p}/`,
    `http://10.0.0.1:${p}/`, `http://10.255.255.254:${p}/`, `http://172.16.0.1:${p}/`, `http://172.31.255.1:${p}/`, `http://192.168.0.1:${p}/`,
    `http://169.254.169.254:${p}/latest/meta-data/`, `http://169.254.0.1:${p}/`, `http://100.64.0.1:${p}/`, `http://100.127.255.254:${p}/`, `http://224.0.0.1:${p}/`,
    `http://239.255.255.250:${p}/`, `http://255.255.255.255:${p}/`, `http://240.0.0.1:${p}/`, `http://[fc00::1]:${p}/`, `http://[fd00:ec2::254]:${p}/`,
    `http://[fe80::1]:${p}/`, `http://[ff02::1]:${p}/`, `http://[64:ff9b::a9fe:a9fe]:${p}/`, `http://[2002:7f00:1::]:${p}/`, `http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]:${p}/`,
    `http://[::127.0.0.1]:${p}/`, `http://localhost:${p}/`, `http://localhost.:${p}/`, `http://LOCALHOST:${p}/`, `http://intranet.test:${p}/`,
    `http://metadata.test:${p}/`, `http://rebind.test:${p}/`, `http://mixed.test:${p}/`, `http://v6-loopback.test:${p}/`, `http://ula.test:${p}/`,
    `http://cgnat.test:${p}/`, `http://mapped.test:${p}/`, `https://127.0.0.1:${p}/`, `http://198.18.0.1:${p}/`, `http://192.0.0.1:${p}/`,
  ];
}

describe("outbound connections", () => {
  it("refuses at least 40 private, loopback, link-local and special URLs at connect time", async () => {
    const urls = refusedUrls(receiver.port);
    expect(urls.length).toBeGreaterThanOrEqual(40);
    const { agent, dialled } = dispatcher();
    const outcomes = await Promise.all(
      urls.map(async (url) => {
        try {
          await request(url, { method: "POST", body: "{}", dispatcher: agent });
          return `${url} was sent`;
        } catch (error) {
          return error instanceof BlockedAddressError ? "blocked" : `${url}: ${(error as Error).message}`;
        }
      }),
    );
    expect(outcomes.filter((o) => o !== "blocked")).toEqual([]);
    expect(dialled).toEqual([]);
    expect(receiver.received).toHaveLength(0);
    await agent.close();
  });

  it("accepts public addresses, literal or resolved, and dials the address it checked", async () => {
    const { agent, dialled } = dispatcher();
    for (const url of ["http://public.test/hook", "http://93.184.216.34/hook", "http://public6.test/hook", "http://[2606:4700:4700::1111]/hook"]) {
      const response = await request(url, { method: "POST", body: "{}", dispatcher: agent });
      expect(response.statusCode).toBe(200);
      await response.body.text();
    }
    expect(dialled).toEqual(["93.184.216.34", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "2606:4700:4700::1111"]);
    expect(receiver.received.map((r) => r.path)).toEqual(["/hook", "/hook", "/hook", "/hook"]);
    await agent.close();
  });

  it("lets hosts named in OUTBOUND_ALLOW_HOSTS through", async () => {
    const agent = createSafeDispatcher({ policy: { allowHosts: new Set(["127.0.0.1"]), allowHttp: true }, connectTimeoutMs: 2000 });
    const before = receiver.received.length;
    const response = await request(`${receiver.url}/allowed`, { method: "POST", body: "{}", dispatcher: agent });
    expect(response.statusCode).toBe(200);
    await response.body.text();
    expect(receiver.received).toHaveLength(before + 1);
    await agent.close();
  });
});

describe("save-time URL check", () => {
  const dev = { allowHosts: new Set<string>(), allowHttp: true };
  const production = { allowHosts: new Set<string>(), allowHttp: false };
  it.each([
    ["http://127.1/x", dev, /private, loopback or reserved/],
    ["http://2130706433/x", dev, /private, loopback or reserved/],
    ["http://[::ffff:169.254.169.254]/", dev, /private, loopback or reserved/],
    ["http://10.0.0.8/", dev, /private/],
    ["https://localhost./x", dev, /local/],
    ["https://printer.local/x", dev, /local/],
    ["https://intranet/x", dev, /local/],
    ["https://user:pw@example.com/x", dev, /credentials/],
    ["http://example.com/x", production, /must use https:\/\//],
  ])("refuses %s", (url, policy, message) => {
    expect(urlPolicyProblem(url, policy)).toMatch(message);
  });

  it.each([
    ["https://example.com/hook", production],
    ["http://example.com/hook", dev],
    ["http://localhost:3255/hook", { allowHosts: new Set(["localhost"]), allowHttp: false }],
  ])("accepts %s", (url, policy) => {
    expect(urlPolicyProblem(url, policy)).toBeNull();
  });
});
