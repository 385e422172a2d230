// The safety series: scans by route and outcome, the time they took, and the therapeutic event
// pipeline (queued, written, retried, dropped because the queue was full, and waiting now).
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { ConfirmOutcome } from "@tta/safety/confirm";
import type { EventMeters } from "../events/event-service.ts";
import type { SafetyOutcome } from "../safety/verdict.ts";

export interface SafetyMeters {
  /** A scanned request's outcome; route names come from the config (bounded). */
  scanned(route: string, outcome: SafetyOutcome | "unscanned", scanMs: number): void;
  readonly events: EventMeters;
  /** Read at scrape time. */
  pendingEvents(source: () => number): void;
  /** The crisis classifier's second stage: each flagged text's outcome and its wait. */
  secondStage(outcome: ConfirmOutcome, waitedMs: number): void;
  /** Flagged texts waiting for the second stage now; read at scrape time. */
  secondStagePending(source: () => number): void;
}

export function createSafetyMeters(registry: Registry): SafetyMeters {
  const scans = new Counter({
    name: "tta_gateway_safety_scans_total",
    help: "Requests of scanning routes by outcome (clean, crisis_acknowledged, crisis_forwarded, crisis_recorded, content_refused, content_monitored, privacy_refused, privacy_monitored, unscannable_refused, unscannable_monitored, unscanned).",
    labelNames: ["route", "outcome"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "tta_gateway_safety_scan_duration_seconds",
    help: "Time to parse and scan one request body.",
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [registry],
  });
  const events = new Counter({
    name: "tta_gateway_safety_events_total",
    help: "Therapeutic events: queued, written to Postgres, retried (per event of a failed batch), dropped (queue full).",
    labelNames: ["result"],
    registers: [registry],
  });
  const pendingEvents = scrapeGauge(registry, "tta_gateway_safety_events_pending", "Therapeutic events waiting to be written to Postgres.");
  const second = new Counter({
    name: "tta_gateway_crisis_second_stage_total",
    help: "Texts the crisis model's first stage flagged, by what its second stage (the sentence encoder) made of them: detected, review, cleared, unavailable (no answer in time: kept for review).",
    labelNames: ["result"],
    registers: [registry],
  });
  const secondWait = new Histogram({
    name: "tta_gateway_crisis_second_stage_seconds",
    help: "How long a flagged text waited for the second stage.",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const secondPending = scrapeGauge(registry, "tta_gateway_crisis_second_stage_pending", "Flagged texts waiting for the second stage now.");
  // Bound children, kept: labels() hashes its values on every call (a few µs per scanned request).
  const bound = new Map<string, ReturnType<typeof scans.labels>>();
  return {
    scanned(route, outcome, scanMs) {
      const key = `${route}\u0000${outcome}`;
      let child = bound.get(key);
      if (!child) bound.set(key, (child = scans.labels({ route, outcome })));
      child.inc();
      if (scanMs > 0) duration.observe(scanMs / 1000);
    },
    events: {
      queued: () => events.inc({ result: "queued" }),
      written: (count) => events.inc({ result: "written" }, count),
      retried: (count) => events.inc({ result: "retried" }, count),
      dropped: () => events.inc({ result: "dropped" }),
    },
    pendingEvents: pendingEvents.readFrom,
    secondStage(outcome, waitedMs) {
      second.inc({ result: outcome });
      secondWait.observe(waitedMs / 1000);
    },
    secondStagePending: secondPending.readFrom,
  };
}

/** A gauge whose value is read from a source at scrape time (0 until one is given). */
function scrapeGauge(registry: Registry, name: string, help: string): { readFrom(source: () => number): void } {
  let source: () => number = () => 0;
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(source());
    },
  });
  return {
    readFrom(next) {
      source = next;
    },
  };
}
