// WebSocket meters (issue 11): open connections per route (read at scrape time), messages and
// bytes by direction, close codes, resumes complete or not, slow-consumer closes, scan outcomes.
// Route names come from the config and close codes are grouped: every label is bounded.
import { Counter, Gauge, type Registry } from "prom-client";
import type { SafetyMeters } from "../metrics/safety-meters.ts";
import type { SafetyOutcome } from "../safety/verdict.ts";

export interface WsMeters {
  opened(route: string): void;
  closed(route: string, code: number): void;
  message(route: string, direction: "in" | "out" | "upstream", bytes: number): void;
  resumed(route: string, complete: boolean): void;
  slowConsumer(route: string): void;
  /** Sessions or frames (`count`) the session store could not keep. */
  storeFailure(count?: number): void;
  scanned(route: string, outcome: SafetyOutcome, scanMs: number): void;
  /** Open connections by route, read at scrape time. */
  openConnections(source: () => Map<string, number>): void;
}

/** Standard codes as they are, the application ranges grouped (a client picks those freely). */
function codeLabel(code: number): string {
  if (code >= 1000 && code <= 1015) return String(code);
  if (code >= 3000 && code <= 3999) return "3xxx";
  if (code >= 4000 && code <= 4999) return "4xxx";
  return "other";
}

export function createWsMeters(registry: Registry, safety: Pick<SafetyMeters, "scanned">): WsMeters {
  const connections = new Counter({ name: "tta_gateway_ws_connections_total", help: "WebSocket connections accepted, by route.", labelNames: ["route"], registers: [registry] });
  const closes = new Counter({ name: "tta_gateway_ws_closes_total", help: "WebSocket client connections closed, by route and close code.", labelNames: ["route", "code"], registers: [registry] });
  const messages = new Counter({ name: "tta_gateway_ws_messages_total", help: "WebSocket messages: in = client to gateway, upstream = upstream to gateway, out = gateway to client.", labelNames: ["route", "direction"], registers: [registry] });
  const bytes = new Counter({ name: "tta_gateway_ws_message_bytes_total", help: "WebSocket message bytes by direction.", labelNames: ["route", "direction"], registers: [registry] });
  const resumes = new Counter({ name: "tta_gateway_ws_resumes_total", help: "Session resumes: complete (every missed message replayed) or incomplete.", labelNames: ["route", "result"], registers: [registry] });
  const slow = new Counter({ name: "tta_gateway_ws_slow_consumer_closes_total", help: "Clients closed (1013) because their send buffer was over the bound; their messages are kept for resume.", labelNames: ["route"], registers: [registry] });
  const storeFailures = new Counter({ name: "tta_gateway_ws_store_failures_total", help: "Sessions and frames the session store could not keep (a resume across them is incomplete).", registers: [registry] });
  let source: () => Map<string, number> = () => new Map();
  new Gauge({
    name: "tta_gateway_ws_open_connections",
    help: "WebSocket client connections open on this gateway, by route.",
    labelNames: ["route"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [route, n] of source()) this.set({ route }, n);
    },
  });
  return {
    opened: (route) => connections.inc({ route }),
    closed: (route, code) => closes.inc({ route, code: codeLabel(code) }),
    message(route, direction, n) {
      messages.inc({ route, direction });
      bytes.inc({ route, direction }, n);
    },
    resumed: (route, complete) => resumes.inc({ route, result: complete ? "complete" : "incomplete" }),
    slowConsumer: (route) => slow.inc({ route }),
    storeFailure: (count = 1) => storeFailures.inc(count),
    scanned: (route, outcome, scanMs) => safety.scanned(route, outcome, scanMs),
    openConnections(next) {
      source = next;
    },
  };
}
