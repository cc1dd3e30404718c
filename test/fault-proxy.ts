// A TCP proxy in front of the shared PostgreSQL that a test can pause (a black hole: connections
// are accepted, nothing is forwarded), cut (every connection reset, new ones refused) and resume.
// It produces network faults without touching the server, which other tests share.
import net from "node:net";

/** A client connection and its upstream; bytes that arrive while paused wait in `held`. */
type Pair = { client: net.Socket; upstream: net.Socket | null; held: { toUpstream: Buffer[]; toClient: Buffer[] } };

export class FaultProxy {
  private readonly pairs = new Set<Pair>();
  private mode: "open" | "paused" | "cut" | "starved" = "open";

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const proxy = new FaultProxy(server, (server.address() as net.AddressInfo).port, target);
    server.on("connection", (client) => proxy.accept(client));
    return proxy;
  }

  /** `url` (a postgres:// URL to the target) rewritten to go through the proxy. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  private accept(client: net.Socket): void {
    if (this.mode === "cut") return void client.resetAndDestroy();
    if (this.mode === "starved") return refuseAsFull(client);
    const pair: Pair = { client, upstream: null, held: { toUpstream: [], toClient: [] } };
    this.pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => this.drop(pair));
    client.on("data", (chunk: Buffer) => {
      if (this.mode !== "paused" && pair.upstream) pair.upstream.write(chunk);
      else pair.held.toUpstream.push(chunk);
    });
    if (this.mode === "open") this.connect(pair);
  }

  private connect(pair: Pair): void {
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on("error", () => {});
    upstream.on("close", () => this.drop(pair));
    upstream.on("data", (chunk: Buffer) => {
      if (this.mode !== "paused") pair.client.write(chunk);
      else pair.held.toClient.push(chunk);
    });
    this.flush(pair);
  }

  private flush(pair: Pair): void {
    for (const chunk of pair.held.toUpstream.splice(0)) pair.upstream?.write(chunk);
    for (const chunk of pair.held.toClient.splice(0)) pair.client.write(chunk);
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  }

  /** Nothing goes through either way; connections stay open and new ones are accepted and held. */
  pause(): void {
    this.mode = "paused";
  }

  /** Every connection is reset, and new ones are closed as soon as they arrive. */
  cut(): void {
    this.mode = "cut";
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      this.drop(pair);
    }
  }

  /** Connections already open keep working; new ones are refused as a full server refuses them (53300). */
  starve(): void {
    this.mode = "starved";
  }

  resume(): void {
    this.mode = "open";
    for (const pair of this.pairs) {
      if (pair.upstream) this.flush(pair);
      else this.connect(pair);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The server's answer to a startup packet when every connection slot is taken: FATAL 53300. */
function refuseAsFull(client: net.Socket): void {
  client.on("error", () => {});
  client.once("data", () => {
    const fields = Buffer.from("SFATAL\0VFATAL\0C53300\0Msorry, too many clients already\0\0", "latin1");
    const header = Buffer.alloc(5);
    header.write("E", 0, "latin1");
    header.writeUInt32BE(fields.length + 4, 1);
    client.end(Buffer.concat([header, fields]));
  });
}
