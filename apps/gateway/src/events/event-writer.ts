// Writes queued therapeutic events in batches, in the background: nothing on the request path
// waits for Postgres. While Postgres is away the oldest batch is tried again with a growing,
// jittered delay (200 ms doubling to 5 s); the outage is logged once when it starts and once when
// it ends, every failed try is counted. close() keeps writing until the queue is empty or its
// deadline passes, and says how many events were left unwritten.
import type { TherapeuticEventDraft } from "@tta/db";
import type { Logger } from "pino";
import { createOutageLog } from "../live/outage-log.ts";
import type { EventQueue } from "./event-queue.ts";

export interface EventWriterOptions {
  queue: EventQueue;
  /** Writes one batch (recordTherapeuticEvents); idempotent, so a batch may be sent again. */
  write(batch: TherapeuticEventDraft[]): Promise<void>;
  log: Logger;
  batchSize?: number; // 250
  retryBaseMs?: number; // 200
  retryMaxMs?: number; // 5000
  onWritten?(count: number): void;
  onRetry?(count: number): void;
}

export class EventWriter {
  private running: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly outage;

  constructor(private readonly options: EventWriterOptions) {
    this.outage = createOutageLog(options.log, "Postgres (therapeutic events)");
  }

  /** Starts writing if it is not already (call after each push). */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.options.queue.size > 0) this.kick();
    });
  }

  private async loop(): Promise<void> {
    const { queue, batchSize = 250, retryBaseMs = 200, retryMaxMs = 5_000 } = this.options;
    let failures = 0;
    while (queue.size > 0 && !this.stopped) {
      const batch = queue.peek(batchSize);
      try {
        await this.options.write(batch);
        queue.drop(batch.length);
        failures = 0;
        this.outage.recovered();
        this.options.onWritten?.(batch.length);
      } catch (error) {
        failures++;
        this.outage.failed(error, "write therapeutic events");
        this.options.onRetry?.(batch.length);
        const cap = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(failures - 1, 16));
        await this.pause(cap / 2 + Math.random() * (cap / 2));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => (this.wake = null));
  }

  /** Writes what it can until the deadline; resolves with the number of events left unwritten. */
  async close(timeoutMs: number): Promise<number> {
    const { queue } = this.options;
    const until = Date.now() + timeoutMs;
    this.kick();
    while (queue.size > 0 && Date.now() < until) {
      this.wake?.(); // no long backoff at shutdown: try again at once
      await Promise.race([this.running, new Promise((r) => setTimeout(r, Math.min(100, Math.max(1, until - Date.now()))).unref())]);
      if (!this.running && queue.size > 0) this.kick();
    }
    this.stopped = true;
    this.wake?.();
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 1_000).unref())]);
    return queue.size;
  }
}
