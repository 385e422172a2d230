// One instance's circuit breaker, in this gateway process: closed -> open after failureThreshold
// failures within windowMs -> half_open after openMs, letting halfOpenProbes requests through ->
// closed after that many successes, open again on any probe failure. Operators may force it open
// or closed; a forced state holds until reset. Pure state: the clock is passed in.
import type { TBreakerForce, TBreakerState } from "@tta/domain";
import type { BreakerSettings } from "./settings.ts";

export interface BreakerTransition {
  from: TBreakerState;
  to: TBreakerState;
  forced: TBreakerForce;
  reason: string;
}

/** A pass through the breaker, handed back with the attempt's result. */
export type Permit = { readonly kind: "closed" } | { readonly kind: "bypass" } | { readonly kind: "probe"; readonly generation: number };

export const CLOSED_PASS: Permit = Object.freeze({ kind: "closed" });
export const BYPASS: Permit = Object.freeze({ kind: "bypass" });

export class CircuitBreaker {
  state: TBreakerState = "closed";
  forced: TBreakerForce = "none";
  changedAt: number;
  private settings: BreakerSettings;
  private ring: number[] = []; // failure times, at most failureThreshold of them
  private next = 0;
  private openUntil = 0;
  private generation = 0; // a new one per half-open period: stale probe results are ignored
  private probes = 0;
  private successes = 0;

  constructor(
    settings: BreakerSettings,
    private readonly onTransition: (t: BreakerTransition) => void,
    now: number,
  ) {
    this.settings = settings;
    this.changedAt = now;
  }

  /** Whether a request would pass now; changes nothing. */
  allows(now: number): boolean {
    if (this.forced !== "none") return this.forced === "closed";
    if (this.state === "closed") return true;
    if (this.state === "open") return now >= this.openUntil;
    return this.probes < this.settings.halfOpenProbes;
  }

  /** Takes a pass, moving open -> half_open when the open time is over; null = refused. */
  acquire(now: number): Permit | null {
    if (!this.allows(now)) return null;
    if (this.forced === "closed" || this.state === "closed") return CLOSED_PASS;
    if (this.state === "open") this.halfOpen(now);
    this.probes++;
    return { kind: "probe", generation: this.generation };
  }

  /** The result of an attempt that held `permit`. */
  record(permit: Permit, ok: boolean, now: number): void {
    if (permit.kind === "bypass" || this.forced !== "none") return;
    if (permit.kind === "probe") {
      if (this.state !== "half_open" || permit.generation !== this.generation) return;
      this.probes--;
      if (!ok) this.open(now, "a half-open probe failed");
      else if (++this.successes >= this.settings.halfOpenProbes) this.close(now, `${this.successes} half-open probes succeeded`);
      return;
    }
    if (ok || this.state !== "closed") return;
    const { failureThreshold, windowMs } = this.settings;
    this.ring[this.next] = now;
    this.next = (this.next + 1) % failureThreshold;
    const oldest = this.ring[this.next]; // with a full ring, the failureThreshold-th most recent failure
    if (this.ring.length >= failureThreshold && oldest !== undefined && now - oldest <= windowMs)
      this.open(now, `${failureThreshold} failures within ${windowMs} ms`);
  }

  /** Time passing: an open breaker whose open time is over shows half_open without waiting for a request. */
  tick(now: number): void {
    if (this.forced === "none" && this.state === "open" && now >= this.openUntil) this.halfOpen(now);
  }

  /** Gives a pass back without a verdict (the client went away): a probe slot is freed. */
  release(permit: Permit): void {
    if (permit.kind === "probe" && this.state === "half_open" && permit.generation === this.generation && this.forced === "none") this.probes--;
  }

  /** Failures counted in the current window (for state reports). */
  failures(now: number): number {
    let n = 0;
    for (const t of this.ring) if (now - t <= this.settings.windowMs) n++;
    return n;
  }

  /** ms until an open breaker lets a probe through (0 when it would now). */
  retryInMs(now: number): number {
    if (this.forced === "open") return this.settings.openMs;
    return this.state === "open" ? Math.max(0, this.openUntil - now) : 0;
  }

  force(action: "force_open" | "force_closed" | "reset", now: number): void {
    const from = this.state;
    this.clearCounts();
    if (action === "reset") {
      this.forced = "none";
      this.state = "closed";
      this.emit(from, now, "reset by an operator");
      return;
    }
    this.forced = action === "force_open" ? "open" : "closed";
    this.state = this.forced;
    this.emit(from, now, `forced ${this.forced} by an operator`);
  }

  updateSettings(settings: BreakerSettings): void {
    if (settings.failureThreshold !== this.settings.failureThreshold) this.clearCounts();
    this.settings = settings;
  }

  private halfOpen(now: number): void {
    const from = this.state;
    this.state = "half_open";
    this.generation++;
    this.probes = 0;
    this.successes = 0;
    this.emit(from, now, `open for ${this.settings.openMs} ms; letting ${this.settings.halfOpenProbes} probes through`);
  }

  private open(now: number, reason: string): void {
    const from = this.state;
    this.state = "open";
    this.openUntil = now + this.settings.openMs;
    this.clearCounts();
    this.emit(from, now, reason);
  }

  private close(now: number, reason: string): void {
    const from = this.state;
    this.state = "closed";
    this.clearCounts();
    this.emit(from, now, reason);
  }

  private clearCounts(): void {
    this.ring = [];
    this.next = 0;
    this.probes = 0;
    this.successes = 0;
  }

  private emit(from: TBreakerState, now: number, reason: string): void {
    this.changedAt = now;
    this.onTransition({ from, to: this.state, forced: this.forced, reason });
  }
}
