"use client";
// The roll-ups the traffic section draws for the chosen range. Live (5 min): what the gateways kept
// (read once, so a page opened now starts with the last 5 minutes) plus every roll-up event since.
// 15 min and 1 h: the coarser buckets the gateways keep, read again as new buckets close.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { TRAFFIC_RANGE_SPEC, type TTrafficRange } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { bufferOf, type TrafficBuffer } from "./traffic-buffer";

/** The gateways' default roll-up interval. */
const LIVE_STEP_MS = 2_000;

export interface RangeTraffic {
  buffer: TrafficBuffer;
  spanMs: number;
  /** The end of the time axis: now, in steps of one point. */
  to: number;
  loading: boolean;
  error: unknown;
  /** Gateways whose history could not be read (the chart lacks their traffic). */
  unreachable: string[];
}

export function useTrafficRange(range: TTrafficRange, live: TrafficBuffer, now: number): RangeTraffic {
  const trpc = useTRPC();
  const spec = TRAFFIC_RANGE_SPEC[range];
  const history = useQuery(
    trpc.operations.trafficHistory.queryOptions(
      { range },
      range === "5m"
        ? { staleTime: Infinity, refetchOnWindowFocus: false } // the events keep it current
        : { refetchInterval: spec.bucketMs, staleTime: 0 },
    ),
  );
  const data = history.data;
  const buffer = useMemo(() => {
    const kept = data?.gateways.flatMap((g) => g.rollups) ?? [];
    return range === "5m" ? bufferOf([...kept, ...live.rollups]) : bufferOf(kept);
  }, [data, live, range]);
  // The charts' time axis moves in steps of one point (a roll-up, a bucket), not with every clock
  // tick: nothing is redrawn between two points. Old roll-ups leave the range as it moves.
  const step = range === "5m" ? LIVE_STEP_MS : spec.bucketMs;
  // Live rounds up (its last roll-up is at most a step old), closed buckets down (none is in the future).
  const to = range === "5m" ? Math.ceil(now / step) * step : Math.floor(now / step) * step;
  const horizon = to - spec.spanMs;
  const shown = useMemo(() => ({ rollups: buffer.rollups.filter((r) => r.at > horizon) }), [buffer, horizon]);
  return { buffer: shown, spanMs: spec.spanMs, to, loading: history.isPending, error: history.error, unreachable: data?.unreachable ?? [] };
}
