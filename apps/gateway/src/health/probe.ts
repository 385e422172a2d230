// One active health check: GET {instance}{healthCheckPath}; any 2xx or 3xx within the timeout
// passes. The body is read and dropped so that the keep-alive connection can be reused.
import http from "node:http";
import https from "node:https";

export interface ProbeResult {
  ok: boolean;
  error: string | null;
}

/** The agent for an instance: for https, its service's own (its CA and client certificate, upstream/agents.ts). */
export interface ProbeAgents {
  forTarget(target: URL): http.Agent;
}

export function probe(target: URL, path: string, timeoutMs: number, agents: ProbeAgents, signal?: AbortSignal): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const url = new URL(path, target);
    const client = url.protocol === "https:" ? https : http;
    let done = false;
    const finish = (result: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = client.get(url, { agent: agents.forTarget(url), headers: { "user-agent": "tta-gateway-health" }, signal }, (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on("error", () => {});
      finish(status >= 200 && status < 400 ? { ok: true, error: null } : { ok: false, error: `HTTP ${status}` });
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, error: error.code ?? error.message }));
  });
}
