// Building blocks for the edge-policy integration tests: snapshots with auth and rate-limit
// policies, raw socket exchanges (for what a well-behaved client library would never send), a
// loopback upstream that leaks stack headers, and a Redis server of the test's own.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { newId, ZSnapshot, type TAuthPolicyInput, type TRateLimitPolicyInput, type TSnapshot } from "@tta/domain";
import type { RouteSpec } from "./fixtures.ts";

export interface EdgeSnapshotSpec {
  services: Record<string, string[]>;
  routes: RouteSpec[];
  authPolicies?: TAuthPolicyInput[];
  rateLimitPolicies?: TRateLimitPolicyInput[];
}

/** Like fixtures' snapshot(), with policies; active health checks off. */
export function edgeSnapshot(spec: EdgeSnapshotSpec): TSnapshot {
  return ZSnapshot.parse({
    schemaVersion: 1,
    services: Object.entries(spec.services).map(([name, urls]) => ({ name, healthCheck: { enabled: false }, instances: urls.map((url) => ({ url })) })),
    authPolicies: spec.authPolicies ?? [],
    rateLimitPolicies: spec.rateLimitPolicies ?? [],
    routes: spec.routes.map((r) => ({ id: newId("route"), ...r })),
  });
}

export interface RawAnswer {
  raw: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  json<T = any>(): T;
}

/**
 * Writes `payload` on a fresh connection and collects what comes back until the server closes or
 * `waitMs` pass. `chunks` are written one after another (a body sent slowly).
 */
export function rawExchange(port: number, payload: string | Buffer, options: { waitMs?: number; chunks?: Array<string | Buffer> } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const raw = Buffer.concat(received).toString("latin1");
      const [head = "", ...rest] = raw.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = rest.join("\r\n\r\n");
      resolve({ raw, status: Number(statusLine.split(" ")[1] ?? 0), headers, body, json: () => JSON.parse(body) });
    };
    socket.on("data", (d) => received.push(d));
    socket.on("close", finish);
    socket.on("error", finish);
    setTimeout(finish, options.waitMs ?? 2_000);
    socket.write(payload);
    for (const chunk of options.chunks ?? []) if (!socket.destroyed) socket.write(chunk);
  });
}

/** An upstream that answers like a careless framework: Server and X-Powered-By, its own CSP. */
export async function startLeakyUpstream(): Promise<{ url: string; received: http.IncomingHttpHeaders[]; bodies: string[]; close(): Promise<void> }> {
  const received: http.IncomingHttpHeaders[] = [];
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.headers);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, {
        "content-type": "application/json",
        server: "Apache/2.4.41 (Ubuntu) OpenSSL/1.1.1f",
        "x-powered-by": "Express",
        "x-aspnet-version": "4.0.30319",
        "content-security-policy": "default-src *",
      });
      res.end(JSON.stringify({ ok: true, headers: req.headers }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface OwnRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: no goodbye to connected clients). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/**
 * A redis-server child of this test on a free loopback port, without persistence, so it can be
 * stopped and started again without touching the machine's Redis.
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("redis-server did not start in 5 s")), 5_000);
      child!.stdout!.on("data", (d: Buffer) => {
        if (/Ready to accept connections/.test(String(d))) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    child!.stdout!.resume();
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
