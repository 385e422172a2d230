// GET /live/events: Server-Sent Events, one `data:` line of JSON TLiveEvent per event (with an
// increasing `id:`), starting with a heartbeat; a `: keep-alive` comment when nothing else was
// sent for a while. A client that stops reading is cut (it reconnects and re-reads /live/state)
// rather than buffered without limit.
import type { LiveService } from "../live/live-service.ts";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { refuse } from "./refuse.ts";

export interface LiveEventsOptions {
  keepAliveMs?: number; // default 15 s
  maxBufferedBytes?: number; // default 1 MiB
}

export function liveEventsEndpoint(live: LiveService, token: AdminToken, options: LiveEventsOptions = {}): AdminEndpoint {
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
  return {
    path: "/live/events",
    methods: ["GET"],
    handle(req, res, correlationId) {
      const refused = token.check(req, "read");
      if (refused) return refuse(res, refused, correlationId);
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" });
      let id = 0;
      let lastWrite = Date.now();
      const write = (text: string) => {
        if (res.destroyed || res.writableEnded) return; // gone; "close" will unsubscribe
        if (res.writableLength > maxBufferedBytes) {
          res.destroy();
          return;
        }
        res.write(text);
        lastWrite = Date.now();
      };
      write(`retry: 1000\ndata: ${JSON.stringify(live.state().heartbeat)}\nid: ${++id}\n\n`);
      const unsubscribe = live.subscribe((_event, json) => write(`id: ${++id}\ndata: ${json}\n\n`));
      const keepAlive = setInterval(() => {
        if (Date.now() - lastWrite >= keepAliveMs) write(": keep-alive\n\n");
      }, Math.max(10, Math.floor(keepAliveMs / 2)));
      res.once("close", () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
    },
  };
}
