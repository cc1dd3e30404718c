// Real local receivers for the outbound delivery tests: an HTTP server scripted per request, and an
// SMTP server (smtp-server) whose messages are parsed with mailparser.

import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { headers: http.IncomingHttpHeaders; body: string; path: string };
/** What to answer to the n-th request (0-based); "hang" never answers. */
export type Script = (n: number, request: Received) => { status: number; headers?: Record<string, string>; body?: string } | "hang";

export type HttpReceiver = { url: string; port: number; received: Received[]; close(): Promise<void> };

export async function startHttpReceiver(script: Script): Promise<HttpReceiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "/" };
      received.push(entry);
      const answer = script(received.length - 1, entry);
      if (answer === "hang") return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type SmtpReceiver = { url: string; messages: ParsedMail[]; close(): Promise<void> };

/** `refuse`: answer 550 to every recipient. */
export async function startSmtpReceiver(options: { refuse?: boolean } = {}): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (options.refuse) {
        const error = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A server that accepts the connection and drops it at once, as a crashing mail server would. */
export async function startDroppingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
