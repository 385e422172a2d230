// Turns a LiveSource subscription into the async generator a tRPC subscription yields from. Each
// browser gets a bounded queue: a browser that cannot keep up loses its oldest events (its view
// reloads the state when it notices), never the server's memory.
import type { LiveEnvelope, LiveSource } from "./live-source.ts";

const MAX_QUEUED = 1_000;

export async function* liveEvents(source: LiveSource, signal?: AbortSignal, lastEventId?: string | null): AsyncGenerator<LiveEnvelope> {
  const queue: LiveEnvelope[] = [];
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
