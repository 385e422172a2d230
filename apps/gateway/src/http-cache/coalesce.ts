// Request coalescing on this gateway: the first request for an answer the cache lacks fetches it;
// the others for the same primary key wait for that fetch (bounded in time and in number), then
// take what it stored when it suits them (the right variant, fresh). A waiter that got nothing
// goes upstream itself: waiting never turns a request into an error.
import type { CachedResponse } from "../stores/http-cache/interface.ts";

/** Requests waiting on one fetch; beyond it they go upstream themselves. */
export const MAX_WAITERS = 10_000;

interface Flight {
  waiters: number;
  promise: Promise<CachedResponse | null>;
  done(value: CachedResponse | null): void;
}

export type Joined = { leader: true; done(value: CachedResponse | null): void } | { leader: false; result: Promise<CachedResponse | null> };

export class Coalescer {
  private readonly flights = new Map<string, Flight>();

  /** The leader fetches and must call done exactly once; a follower waits up to waitMs. */
  join(key: string, waitMs: number): Joined | null {
    const flight = this.flights.get(key);
    if (!flight) {
      let resolve!: (value: CachedResponse | null) => void;
      const promise = new Promise<CachedResponse | null>((r) => (resolve = r));
      const entry: Flight = {
        waiters: 0,
        promise,
        done: (value) => {
          if (this.flights.get(key) === entry) this.flights.delete(key);
          resolve(value);
        },
      };
      this.flights.set(key, entry);
      return { leader: true, done: entry.done };
    }
    if (flight.waiters >= MAX_WAITERS) return null;
    flight.waiters++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((r) => (timer = setTimeout(r, waitMs, null)));
    const result = Promise.race([flight.promise, timeout]).finally(() => {
      clearTimeout(timer);
      flight.waiters--;
    });
    return { leader: false, result };
  }

  /** Fetches under way (metrics, tests). */
  get size(): number {
    return this.flights.size;
  }
}
