// One instance's circuit breaker, in this gateway process. closed -> open when, over the sliding
// window, at least minimumCalls calls were made and failureRateThreshold % failed, or connection
// failures and timeouts alone reached connectionFailureThreshold. A trip by the failure rate asks
// the guard first (the panic threshold): when the guard says opening would take too much of the
// service away, the breaker stays closed and says why, once. open -> half_open after openMs, or at
// once when an active health check passes (not after a failed probe: that waits openMs), letting
// halfOpenProbes requests through -> closed after that many successes, open again on any probe
// failure. Operators may force it open or closed; a forced state holds until reset. Pure state:
// the clock is passed in.
import type { TBreakerForce, TBreakerRolling, TBreakerState } from "@tta/domain";
import { RollingWindow, type CallResult } from "./rolling-window.ts";
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

/** Asked before the failure rate opens the breaker: a reason to keep it closed, or null. */
export type TripGuard = () => string | null;

export class CircuitBreaker {
  state: TBreakerState = "closed";
  forced: TBreakerForce = "none";
  changedAt: number;
  /** Why the failure rate would open it but the guard keeps it closed; null = not held. */
  held: string | null = null;
  private settings: BreakerSettings;
  private window: RollingWindow;
  private openUntil = 0;
  private openedByProbe = false;
  private generation = 0; // a new one per half-open period: stale probe results are ignored
  private probes = 0;
  private successes = 0;

  constructor(
    settings: BreakerSettings,
    private readonly onTransition: (t: BreakerTransition) => void,
    now: number,
    private readonly guard: TripGuard = () => null,
  ) {
    this.settings = settings;
    this.window = new RollingWindow(settings.windowMs);
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
    if (!this.allows(now)) {
      this.reject(now);
      return null;
    }
    if (this.forced === "closed" || this.state === "closed") return CLOSED_PASS;
    if (this.state === "open") this.halfOpen(now, `open for ${this.settings.openMs} ms`);
    this.probes++;
    return { kind: "probe", generation: this.generation };
  }

  /** The result of an attempt that held `permit`. */
  record(permit: Permit, result: CallResult, now: number): void {
    if (permit.kind === "bypass" || this.forced !== "none") return;
    if (permit.kind === "probe") {
      if (this.state !== "half_open" || permit.generation !== this.generation) return;
      this.probes--;
      this.window.record(result, now);
      if (result !== "success") this.open(now, "a half-open probe failed", true);
      else if (++this.successes >= this.settings.halfOpenProbes) this.close(now, `${this.successes} half-open probes succeeded`);
      return;
    }
    if (this.state !== "closed") return; // a pass taken just before it opened
    this.window.record(result, now);
    if (result !== "success" || this.held !== null) this.evaluate(now);
  }

  /** A request this breaker refused (counted in the window, for the live views). */
  reject(now: number): void {
    this.window.record("reject", now);
  }

  /** An active health check passed: an open breaker lets probes through at once, unless its last probe failed. */
  checkPassed(now: number): void {
    if (this.forced === "none" && this.state === "open" && !this.openedByProbe) this.halfOpen(now, "an active health check passed");
  }

  /** Time passing: an open breaker whose open time is over shows half_open without waiting for a request. */
  tick(now: number): void {
    if (this.forced === "none" && this.state === "open" && now >= this.openUntil) this.halfOpen(now, `open for ${this.settings.openMs} ms`);
  }

  /** Gives a pass back without a verdict (the client went away): a probe slot is freed. */
  release(permit: Permit): void {
    if (permit.kind === "probe" && this.state === "half_open" && permit.generation === this.generation && this.forced === "none") this.probes--;
  }

  /** Failures of any kind counted in the current window (for state reports). */
  failures(now: number): number {
    const t = this.window.totals(now);
    return t.failures + t.connectionFailures;
  }

  rolling(now: number): TBreakerRolling {
    return this.window.totals(now);
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
    if (settings.windowMs !== this.settings.windowMs) this.window = new RollingWindow(settings.windowMs);
    this.settings = settings;
  }

  private evaluate(now: number): void {
    const { windowMs, minimumCalls, failureRateThreshold, connectionFailureThreshold } = this.settings;
    const t = this.window.totals(now);
    if (t.connectionFailures >= connectionFailureThreshold) {
      this.open(now, `${t.connectionFailures} connection failures or timeouts within ${windowMs} ms`);
      return;
    }
    const calls = t.successes + t.failures + t.connectionFailures;
    const failed = t.failures + t.connectionFailures;
    if (calls < minimumCalls || failed * 100 < failureRateThreshold * calls) {
      this.held = null;
      return;
    }
    const why = `${Math.round((100 * failed) / calls)}% of ${calls} calls failed within ${windowMs} ms`;
    const hold = this.guard();
    if (hold === null) {
      this.open(now, why);
      return;
    }
    if (this.held !== null) return; // said once per episode, not per failure
    this.held = `${why}; kept closed: ${hold}`;
    this.emit("closed", now, this.held);
  }

  private halfOpen(now: number, why: string): void {
    const from = this.state;
    this.state = "half_open";
    this.generation++;
    this.probes = 0;
    this.successes = 0;
    this.emit(from, now, `${why}; letting ${this.settings.halfOpenProbes} probes through`);
  }

  private open(now: number, reason: string, byProbe = false): void {
    const from = this.state;
    this.state = "open";
    this.openUntil = now + this.settings.openMs;
    this.openedByProbe = byProbe;
    this.held = null;
    this.probes = 0;
    this.successes = 0;
    this.emit(from, now, reason);
  }

  private close(now: number, reason: string): void {
    const from = this.state;
    this.state = "closed";
    this.clearCounts();
    this.emit(from, now, reason);
  }

  private clearCounts(): void {
    this.window.clear();
    this.held = null;
    this.probes = 0;
    this.successes = 0;
  }

  private emit(from: TBreakerState, now: number, reason: string): void {
    this.changedAt = now;
    this.onTransition({ from, to: this.state, forced: this.forced, reason });
  }
}
