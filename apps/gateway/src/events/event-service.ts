// The therapeutic events of one gateway: each detected event is announced at once (Redis, cluster
// mode) and queued; the writer puts the queue into Postgres (recordTherapeuticEvents: rows, audit
// rows, NOTIFY). record() never waits and never throws: an answer to a player in crisis does not
// depend on the database. A full queue refuses the event, counts it and logs once per episode.
import type { TTherapeuticEventNotice } from "@tta/domain";
import type { TherapeuticEventDraft } from "@tta/db";
import type { Logger } from "pino";
import { EventQueue } from "./event-queue.ts";
import { EventWriter } from "./event-writer.ts";

export interface EventNotifier {
  /** Never throws, never waits. */
  notify(notice: TTherapeuticEventNotice): void;
}

export interface EventMeters {
  queued(): void;
  written(count: number): void;
  retried(count: number): void;
  dropped(): void;
}

export interface EventServiceOptions {
  gatewayId: string;
  write(batch: TherapeuticEventDraft[]): Promise<void>;
  notifier: EventNotifier | null;
  meters: EventMeters;
  log: Logger;
  /** Events held while Postgres is away (default 10,000; about 2 KiB each). */
  queueLimit?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface EventService {
  record(event: TherapeuticEventDraft): void;
  /** Events waiting to be written. */
  pending(): number;
  /** Writes what it can until the deadline; resolves with the number left unwritten. */
  close(timeoutMs: number): Promise<number>;
}

export function createEventService(options: EventServiceOptions): EventService {
  const { log, meters } = options;
  const queue = new EventQueue(options.queueLimit ?? 10_000);
  const writer = new EventWriter({
    queue,
    write: options.write,
    log,
    retryBaseMs: options.retryBaseMs,
    retryMaxMs: options.retryMaxMs,
    onWritten: meters.written,
    onRetry: meters.retried,
  });
  let full = false;
  return {
    record(event) {
      options.notifier?.notify({
        type: "therapeutic.event",
        gatewayId: options.gatewayId,
        at: event.detectedAt.getTime(),
        eventId: event.id,
        eventType: event.type,
        severity: event.severity,
        escalated: event.escalated,
        route: event.routeName ?? "none",
        correlationId: event.correlationId,
      });
      if (!queue.push(event)) {
        meters.dropped();
        if (!full) log.error({ eventId: event.id, queued: queue.size, escalated: event.escalated }, "therapeutic event queue is full; events are dropped until it drains (logged once)");
        full = true;
        return;
      }
      if (full && queue.size < queue.capacity / 2) full = false;
      meters.queued();
      writer.kick();
    },
    pending: () => queue.size,
    async close(timeoutMs) {
      const left = await writer.close(timeoutMs);
      if (left > 0) log.error({ unwritten: left }, "therapeutic events left unwritten at shutdown");
      return left;
    },
  };
}
