// The roll-ups a gateway remembers for the console's time ranges (GET /live/traffic): the last
// 5 minutes as published, and the last 15 minutes and hour merged into 10 s and 30 s buckets, so a
// page opened now can draw the last hour. Fed once per roll-up (off the request path).
//
// Memory is bounded by the number of entries, whatever the load: at most RAW_MAX roll-ups plus 90
// and 120 buckets, each holding one row per route that had traffic in it (about 200 bytes a row).
// With the default 2 s roll-up that is 150 + 90 + 120 = 360 rows per busy route: ~70 kB per route,
// ~3.5 MB for 50 routes busy all hour.
import { TRAFFIC_RANGE_SPEC, type TRouteTraffic, type TTrafficRange, type TTrafficRollup } from "@tta/domain";
import { addRow, copyRow, rowKey } from "./merge-routes.ts";

/** A hard cap on the raw tier, for very short roll-up intervals (5 min at 500 ms). */
export const RAW_MAX = 600;

interface Bucket {
  /** End of the bucket, epoch ms (a multiple of the bucket size). */
  at: number;
  rows: Map<string, TRouteTraffic>;
}

class Tier {
  private readonly buckets: Bucket[] = [];
  private readonly capacity: number;

  constructor(
    readonly bucketMs: number,
    spanMs: number,
  ) {
    this.capacity = Math.ceil(spanMs / bucketMs);
  }

  add(rollup: TTrafficRollup): void {
    // A window ending exactly on a boundary belongs to the bucket it closes.
    const at = Math.ceil(rollup.at / this.bucketMs) * this.bucketMs;
    let bucket = this.buckets.at(-1);
    if (!bucket || bucket.at < at) {
      bucket = { at, rows: new Map() };
      this.buckets.push(bucket);
      if (this.buckets.length > this.capacity) this.buckets.shift();
    } else if (bucket.at > at) return; // a clock step backwards: drop rather than rewrite the past
    for (const row of rollup.routes) {
      const key = rowKey(row);
      const known = bucket.rows.get(key);
      if (known) addRow(known, row);
      else bucket.rows.set(key, copyRow(row));
    }
  }

  /** Closed buckets only (the current one is still filling), within the span before `now`. */
  read(gatewayId: string, now: number, spanMs: number): TTrafficRollup[] {
    return this.buckets
      .filter((b) => b.at <= now && b.at > now - spanMs)
      .map((b) => ({ type: "traffic.rollup", gatewayId, at: b.at, windowMs: this.bucketMs, routes: [...b.rows.values()].map(copyRow) }));
  }
}

export class TrafficHistory {
  private readonly raw: TTrafficRollup[] = [];
  private readonly tiers = new Map<TTrafficRange, Tier>();

  constructor(private readonly now: () => number = Date.now) {
    for (const [range, spec] of Object.entries(TRAFFIC_RANGE_SPEC) as Array<[TTrafficRange, (typeof TRAFFIC_RANGE_SPEC)[TTrafficRange]]>) {
      if (spec.bucketMs > 0) this.tiers.set(range, new Tier(spec.bucketMs, spec.spanMs));
    }
  }

  add(rollup: TTrafficRollup): void {
    this.raw.push(rollup);
    const horizon = rollup.at - TRAFFIC_RANGE_SPEC["5m"].spanMs;
    while (this.raw.length > RAW_MAX || (this.raw[0] && this.raw[0].at <= horizon)) this.raw.shift();
    for (const tier of this.tiers.values()) tier.add(rollup);
  }

  /** The range's roll-ups, oldest first; never mutated afterwards (the raw ones are those published). */
  read(gatewayId: string, range: TTrafficRange): TTrafficRollup[] {
    const now = this.now();
    const { spanMs } = TRAFFIC_RANGE_SPEC[range];
    const tier = this.tiers.get(range);
    if (tier) return tier.read(gatewayId, now, spanMs);
    return this.raw.filter((r) => r.at > now - spanMs);
  }
}
