// A small Server-Sent Events reader for tests: collects `data:` payloads (parsed as JSON) of one
// stream, and can wait for one that matches.
import http from "node:http";

export interface SseStream<T> {
  status: number;
  events: T[];
  comments: string[];
  next(match: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export function openSse<T = any>(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<SseStream<T>> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      const events: T[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6));
          for (const line of block.split("\n")) if (line.startsWith(":")) comments.push(line.slice(1).trim());
          if (data.length > 0) events.push(JSON.parse(data.join("\n")) as T);
          for (const wake of waiters) wake();
        }
      });
      res.on("error", () => {});
      resolve({
        status: res.statusCode ?? 0,
        events,
        comments,
        next(match, timeoutMs = 5_000) {
          return new Promise((done, fail) => {
            let seen = 0;
            const check = () => {
              for (; seen < events.length; seen++) {
                if (match(events[seen]!)) {
                  cleanup();
                  done(events[seen]!);
                  return;
                }
              }
            };
            const timer = setTimeout(() => {
              cleanup();
              fail(new Error(`no matching event within ${timeoutMs} ms (${events.length} seen)`));
            }, timeoutMs);
            const cleanup = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
  });
}
