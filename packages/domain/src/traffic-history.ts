// The traffic roll-ups a gateway keeps for the console's time ranges (GET /live/traffic on its admin
// API): the live range is its own roll-ups as published, the longer ones are merged into coarser
// buckets so that a freshly opened page can draw the last hour.
import { z } from "zod";
import { ZTrafficRollup } from "./live.ts";

export const TRAFFIC_RANGES = ["5m", "15m", "1h"] as const;
export const ZTrafficRange = z.enum(TRAFFIC_RANGES);
export type TTrafficRange = z.infer<typeof ZTrafficRange>;

/** How far back each range reaches, and the bucket its points are merged into (0: as published). */
export const TRAFFIC_RANGE_SPEC: Record<TTrafficRange, { spanMs: number; bucketMs: number; label: string }> = {
  "5m": { spanMs: 5 * 60_000, bucketMs: 0, label: "Live, 5 min" },
  "15m": { spanMs: 15 * 60_000, bucketMs: 10_000, label: "15 min" },
  "1h": { spanMs: 60 * 60_000, bucketMs: 30_000, label: "1 h" },
};

/** One gateway's roll-ups over one range, oldest first. */
export const ZTrafficHistory = z.object({
  gatewayId: z.string(),
  range: ZTrafficRange,
  rollups: z.array(ZTrafficRollup),
});
export type TTrafficHistory = z.infer<typeof ZTrafficHistory>;

export const ZTrafficHistoryInput = z.object({ range: ZTrafficRange });

/** What the console's operations.trafficHistory answers: every gateway that answered, and those that did not. */
export const ZTrafficHistories = z.object({
  gateways: z.array(ZTrafficHistory),
  unreachable: z.array(z.string()),
});
export type TTrafficHistories = z.infer<typeof ZTrafficHistories>;
