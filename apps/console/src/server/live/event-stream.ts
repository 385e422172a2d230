// Turns a LiveSource subscription into the async generator a tRPC subscription yields from. Each
// browser gets a bounded queue: a browser that cannot keep up loses its oldest events (its view
// reloads the state when it notices), never the server's memory.
import type { Envelope } from "./event-hub.ts";

const MAX_QUEUED = 1_000;

/** Anything that fans events out with ids: a LiveSource, the escalation feed. */
export interface EnvelopeSource<T> {
  subscribe(listener: (envelope: Envelope<T>) => void, lastEventId?: string | null): () => void;
}

export async function* liveEvents<T>(source: EnvelopeSource<T>, signal?: AbortSignal, lastEventId?: string | null): AsyncGenerator<Envelope<T>> {
  const queue: Envelope<T>[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = source.subscribe((envelope) => {
    if (queue.length >= MAX_QUEUED) queue.shift();
    queue.push(envelope);
    wake?.();
  }, lastEventId);
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", onAbort);
  }
}
