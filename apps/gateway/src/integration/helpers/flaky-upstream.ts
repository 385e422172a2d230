// A loopback upstream whose behaviour a test changes while the gateway runs: it answers (an echo
// of who it is and what it got), fails (500, or on some paths only), hangs, or sends headers then stalls; its health
// path can fail; it can be killed (listener closed, every connection cut) and revived on the
// same port. It records what it received and what was aborted before its answer.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FlakyMode = "ok" | "error" | "hang" | "stall";

export interface FlakyUpstream {
  readonly name: string;
  readonly url: string;
  mode: FlakyMode;
  /** Path prefixes answered with 500 whatever the mode (one broken endpoint of a working service). */
  failing: string[];
  healthy: boolean;
  /** "METHOD path" of every non-health request, in order. */
  readonly received: string[];
  readonly closedEarly: string[];
  /** Bodies received, by "METHOD path". */
  readonly bodies: Map<string, string>;
  healthChecks: number;
  kill(): Promise<void>;
  revive(): Promise<void>;
  close(): Promise<void>;
}

export async function startFlakyUpstream(name: string, options: { mode?: FlakyMode; healthPath?: string } = {}): Promise<FlakyUpstream> {
  const healthPath = options.healthPath ?? "/health";
  let server: http.Server;
  const upstream: FlakyUpstream = {
    name,
    url: "",
    mode: options.mode ?? "ok",
    failing: [],
    healthy: true,
    received: [],
    closedEarly: [],
    bodies: new Map(),
    healthChecks: 0,
    kill: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    revive: () => listen(port),
    close: async () => {
      if (server.listening) await upstream.kill();
    },
  };

  const handler: http.RequestListener = (req, res) => {
    if (req.url === healthPath) {
      upstream.healthChecks++;
      res.writeHead(upstream.healthy ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: upstream.healthy ? "ok" : "down" }));
      return;
    }
    const key = `${req.method} ${req.url}`;
    upstream.received.push(key);
    res.on("close", () => {
      if (!res.writableFinished) upstream.closedEarly.push(key);
    });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      upstream.bodies.set(key, body);
      if (upstream.mode === "hang") return;
      if (upstream.mode === "stall") {
        res.writeHead(200, { "content-type": "text/plain", "content-length": "1000" }).write("partial ");
        return;
      }
      const broken = upstream.failing.some((p) => req.url?.startsWith(p));
      const status = upstream.mode === "error" || broken ? 500 : 200;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ instance: name, method: req.method, path: req.url, bodyLength: body.length }));
    });
  };

  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server = http.createServer(handler);
      server.keepAliveTimeout = 65_000;
      server.once("error", reject).listen(on, "127.0.0.1", () => resolve());
    });
  await listen(0);
  const port = (server!.address() as AddressInfo).port;
  (upstream as { url: string }).url = `http://127.0.0.1:${port}`;
  return upstream;
}

/** Collects what a gateway reports: live events and upstream attempts. */
export function recorder() {
  const events: import("@tta/domain").TLiveEvent[] = [];
  const attempts: Array<{ route: string; service: string; instance: string; attempt: number; outcome: string; durationMs: number }> = [];
  return {
    events,
    attempts,
    live: { publish: (e: (typeof events)[number]) => void events.push(e) },
    observer: { attempt: (o: (typeof attempts)[number]) => void attempts.push(o) },
  };
}
