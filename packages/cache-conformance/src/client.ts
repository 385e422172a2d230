// The suite's HTTP client: node:http with no agent, so the cache sees exactly the headers a case
// sets (fetch would add its own Accept-Encoding and friends).
import { request } from "node:http";
import type { ClientRequest, ClientResponse } from "./types.ts";

export async function send(prefix: string, req: ClientRequest, timeoutMs: number, signal?: AbortSignal): Promise<Omit<ClientResponse, "originCount">> {
  const started = Date.now();
  const url = new URL(prefix + (req.path ?? "/r"));
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<ClientResponse, "originCount" | "ms">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, ms: Date.now() - started });
    };
    const fail = (error: string) => done({ status: 0, headers: {}, body: "", error });
    const out = request(url, { method: req.method ?? "GET", headers, agent: false, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (err) => fail(err.message));
    });
    const timer = setTimeout(() => {
      fail(`no answer within ${timeoutMs} ms`);
      out.destroy();
    }, timeoutMs);
    out.on("error", (err) => fail(err.message));
    out.end(req.body);
  });
}
