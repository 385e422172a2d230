// Request coalescing on this gateway: the first request for an answer the cache lacks fetches it;
// the others for the same primary key wait for that fetch (bounded in time and in number), then
// take what it stored when it suits them (the right variant, fresh). A waiter that got nothing
// goes upstream itself: waiting never turns a request into an error. A key whose answer could not
// be stored is not coalesced for a while (Varnish's hit-for-miss): its requests would only queue
// behind each other for nothing.
import type { CachedResponse } from "../stores/http-cache/interface.ts";

/** Requests waiting on one fetch; beyond it they go upstream themselves. */
export const MAX_WAITERS = 10_000;
/** How long a key whose answer was not storable goes uncoalesced, and how many such keys are remembered. */
export const UNCACHEABLE_MS = 30_000;
const MAX_UNCACHEABLE = 10_000;

interface Flight {
  waiters: number;
  promise: Promise<CachedResponse | null>;
  done(value: CachedResponse | null): void;
}

export type Joined = { leader: true; done(value: CachedResponse | null): void } | { leader: false; result: Promise<CachedResponse | null> };

export class Coalescer {
  private readonly flights = new Map<string, Flight>();
  /** Keys whose last answer could not be stored, with when that stops counting (insertion order: oldest first). */
  private readonly uncacheable = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The key's answer could not be stored: its requests go upstream side by side for a while. */
  notStorable(key: string): void {
    this.uncacheable.delete(key);
    this.uncacheable.set(key, this.now() + UNCACHEABLE_MS);
    if (this.uncacheable.size > MAX_UNCACHEABLE) this.uncacheable.delete(this.uncacheable.keys().next().value!);
  }

  /** The leader fetches and must call done exactly once; a follower waits up to waitMs; null: go on alone. */
  join(key: string, waitMs: number): Joined | null {
    const until = this.uncacheable.get(key);
    if (until !== undefined) {
      if (until > this.now()) return null;
      this.uncacheable.delete(key);
    }
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
