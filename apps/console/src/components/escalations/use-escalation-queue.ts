"use client";
// The clinicians' queue, kept live: `escalations.queue` once, then reloaded (with the counts and
// the open event) whenever `escalations.live` reports a change; a resync (the server's listener
// reconnected, or this browser did) reloads it too. Rows that were not there before are arrivals.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { TEscalationSummary } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import type { LiveStatus } from "../operations/connection-status";
import { NO_ARRIVALS, noteQueue } from "./arrivals";

/** Changes often come in bursts (a batch of events, a step and its notification): one reload. */
const COALESCE_MS = 60;
/** A safety net under the live path. */
const POLL_MS = 30_000;

export function useEscalationQueue(onArrived: (events: TEscalationSummary[]) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useQuery(trpc.escalations.queue.queryOptions(undefined, { staleTime: 0, refetchInterval: POLL_MS }));

  const arrivalsRef = useRef(NO_ARRIVALS);
  const [arrivals, setArrivals] = useState(NO_ARRIVALS);
  const onArrivedRef = useRef(onArrived);
  useEffect(() => {
    onArrivedRef.current = onArrived;
  });
  useEffect(() => {
    if (!queue.data) return;
    const { state, arrived } = noteQueue(arrivalsRef.current, queue.data, Date.now());
    if (state === arrivalsRef.current) return;
    arrivalsRef.current = state;
    setArrivals(state);
    if (arrived.length) onArrivedRef.current(arrived);
  }, [queue.data]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reload = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries(trpc.escalations.pathFilter());
    }, COALESCE_MS);
  }, [queryClient, trpc]);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);

  const [lastEventAt, setLastEventAt] = useState<number | null>(null);
  const [everLive, setEverLive] = useState(false);
  const live = useSubscription(
    trpc.escalations.live.subscriptionOptions(undefined, {
      onData: () => {
        setLastEventAt(Date.now());
        reload();
      },
    }),
  );
  useEffect(() => {
    if (live.status === "pending") setEverLive(true);
  }, [live.status]);
  const status: LiveStatus = live.status === "pending" ? "live" : live.status === "error" ? "error" : everLive ? "reconnecting" : "connecting";

  return { queue, arrivals, status, lastEventAt, streamError: live.error, reconnect: live.reset };
}
