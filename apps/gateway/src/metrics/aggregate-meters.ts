// Aggregation routes' parts, one count per part of each request by outcome: "ok" (its service's
// answer), "failed" (left out, or the request failed with it) or "fallback" (its static stand-in).
// The attempts behind them are in the upstream series, by service. Labels are names from the
// config (routes and part keys), bounded by it.
import { Counter, type Registry } from "prom-client";

export type AggregatePartOutcome = "ok" | "failed" | "fallback";

export interface AggregateMeters {
  part(route: string, part: string, outcome: AggregatePartOutcome): void;
}

export function createAggregateMeters(registry: Registry): AggregateMeters {
  const parts = new Counter({
    name: "tta_gateway_aggregate_parts_total",
    help: "Parts of aggregation routes' requests, by route, part key and outcome (ok, failed, fallback).",
    labelNames: ["route", "part", "outcome"],
    registers: [registry],
  });
  return { part: (route, part, outcome) => parts.inc({ route, part, outcome }) };
}
