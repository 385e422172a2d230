// Latency samples of the WebSocket load processes: a growable Float64Array of milliseconds and the
// summary they print (nearest-rank percentiles over every sample, not an estimate).
export class Samples {
  private values = new Float64Array(4096);
  count = 0;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = ms;
  }

  summary(): { count: number; p50Ms: number | null; p90Ms: number | null; p99Ms: number | null; maxMs: number | null } {
    const sorted = this.values.slice(0, this.count).sort();
    const at = (q: number) => (this.count === 0 ? null : +sorted[Math.min(this.count - 1, Math.ceil(q * this.count) - 1)]!.toFixed(3));
    return { count: this.count, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
  }
}

/** The text of a frame as the upstream sent it: the `data` of a gateway's `message` envelope, or the raw frame (direct, relay); null for other envelopes. */
export function payloadOf(text: string): { data: string; room?: string } | null {
  if (text[0] !== "{") return { data: text };
  const frame = JSON.parse(text) as { type?: string; data?: unknown; room?: string };
  if (frame.type !== "message" || typeof frame.data !== "string") return null;
  return { data: frame.data, room: frame.room };
}
