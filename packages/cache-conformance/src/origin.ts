// A loopback origin that answers each case from its script and records every request it
// receives, so the suite judges the cache by what reached the origin. Paths are
// /<caseId>/<run>/<rest>; the first segment picks the script.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { OriginReply, OriginRequest, OriginScript } from "./types.ts";
import { notModified } from "./validators.ts";

export interface Origin {
  url: string;
  /** Installs the script for a case and forgets what that case received before. */
  serve(caseId: string, script: OriginScript, clientPrefix: string): void;
  requests(caseId: string): OriginRequest[];
  close(): Promise<void>;
}

interface Entry {
  script: OriginScript;
  clientPrefix: string;
  records: OriginRequest[];
}

export async function startOrigin(): Promise<Origin> {
  const entries = new Map<string, Entry>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => answer(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = req.url ?? "/";
    const [, caseId = "", , ...rest] = url.split("/");
    const entry = entries.get(caseId);
    if (!entry) {
      res.writeHead(404, { "cache-control": "no-store", "content-type": "text/plain" }).end(`no case ${caseId}\n`);
      return;
    }
    const record: OriginRequest = {
      n: entry.records.length + 1,
      method: req.method ?? "GET",
      path: `/${rest.join("/")}`,
      headers: req.headers,
      body,
      at: Date.now(),
      clientPrefix: entry.clientPrefix,
    };
    entry.records.push(record);
    let reply: OriginReply;
    try {
      reply = entry.script(record);
    } catch (err) {
      record.answered = 500;
      res.writeHead(500, { "cache-control": "no-store" }).end(`script failed: ${String(err)}`);
      return;
    }
    const send = () => {
      timers.delete(timer);
      write(record, reply, res);
    };
    const timer = setTimeout(send, reply.delayMs ?? 0);
    timers.add(timer);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    serve(caseId, script, clientPrefix) {
      entries.set(caseId, { script, clientPrefix, records: [] });
    },
    requests(caseId) {
      return [...(entries.get(caseId)?.records ?? [])];
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

function write(record: OriginRequest, reply: OriginReply, res: ServerResponse): void {
  if (res.destroyed) return;
  if (reply.fail === "close") {
    record.answered = 0;
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = { "content-type": "text/plain" };
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    const key = name.toLowerCase();
    if (value === undefined) continue;
    if (value === null) delete headers[key];
    else headers[key] = value;
  }
  // Node writes a correct Date itself unless the script sets one or asks for none.
  if (reply.headers && reply.headers["date"] === null) res.sendDate = false;
  if (reply.validate && notModified(record.headers, headers)) {
    delete headers["content-type"];
    record.answered = 304;
    res.writeHead(304, headers).end();
    return;
  }
  const status = reply.status ?? 200;
  const body = status === 204 || status === 304 ? "" : (reply.body ?? `answer ${record.n}`);
  headers["content-length"] = String(Buffer.byteLength(body));
  record.answered = status;
  res.writeHead(status, headers);
  res.end(record.method === "HEAD" ? undefined : body);
}
