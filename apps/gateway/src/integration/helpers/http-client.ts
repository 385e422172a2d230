// A small node:http client for tests: it can send any Host header, reuse an Agent and abort.
import http from "node:http";

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = any>(): T;
}

export interface TestRequest {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string;
  /** Sent one write at a time, so the body goes out chunked. */
  chunks?: string[];
  agent?: http.Agent | false;
  signal?: AbortSignal;
  /** The client's own address (another loopback address, 127.0.0.2, is another peer). */
  localAddress?: string;
}

export function request(url: string, init: TestRequest = {}): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: init.agent, signal: init.signal, localAddress: init.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("close", () => {
        if (!res.complete) reject(new Error("response aborted before its end"));
      });
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on("error", reject);
    for (const chunk of init.chunks ?? []) req.write(chunk);
    req.end(init.body);
  });
}

/** What a demo upstream echoes back. */
export interface Echo {
  service: string;
  instance: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}
