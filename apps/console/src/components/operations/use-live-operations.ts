"use client";
// The operations view's data: `operations.state` once (and again every 3 s for what events
// do not carry: active requests, last checks), then every `operations.events` event applied as it
// arrives. After a reconnect, or an event about something unknown, the state is loaded again.
import { useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useReducer, useRef, useState } from "react";
import type { TLiveEvent } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import type { LiveStatus } from "./connection-status";
import { applyEvent, applySnapshot, emptyView, isStale, type GatewaySnapshot, type LiveView } from "./live-state";
import { emptyTraffic, pushRollup, type TrafficBuffer } from "./traffic-buffer";

/** Fields events do not carry (active requests, last check times) are refreshed this often. */
const RESYNC_MS = 3_000;
/**
 * Every live gateway sends a heartbeat a second. A stream that stays silent this long while the
 * state (over plain HTTP) shows a live gateway is stuck (a half-open connection): start it again.
 */
const STALLED_AFTER_MS = 5_000;

interface Model {
  view: LiveView;
  traffic: TrafficBuffer;
  lastEventAt: number | null;
}

type Action = { type: "snapshot"; states: readonly GatewaySnapshot[] } | { type: "event"; event: TLiveEvent; receivedAt: number };

function reduce(model: Model, action: Action): Model {
  if (action.type === "snapshot") {
    let traffic = model.traffic;
    for (const s of action.states) if (s.traffic) traffic = pushRollup(traffic, s.traffic);
    return { ...model, view: applySnapshot(model.view, action.states), traffic };
  }
  const { event } = action;
  return {
    view: applyEvent(model.view, event),
    traffic: event.type === "traffic.rollup" ? pushRollup(model.traffic, event) : model.traffic,
    lastEventAt: action.receivedAt,
  };
}

const initial: Model = { view: emptyView, traffic: emptyTraffic, lastEventAt: null };

export function useLiveOperations() {
  const trpc = useTRPC();
  const [model, dispatch] = useReducer(reduce, initial);
  const state = useQuery(trpc.operations.state.queryOptions(undefined, { refetchInterval: RESYNC_MS, staleTime: 0 }));
  const { refetch, isFetching } = state;

  useEffect(() => {
    if (state.data) dispatch({ type: "snapshot", states: state.data });
  }, [state.data]);

  const events = useSubscription(
    trpc.operations.events.subscriptionOptions(undefined, {
      // Tracked events: the link resumes after the last id it saw when it reconnects.
      onData: ({ data }) => dispatch({ type: "event", event: data, receivedAt: Date.now() }),
    }),
  );

  // Whatever happened while the stream was down is only in the state: load it again on reconnect.
  const [everLive, setEverLive] = useState(false);
  const previousStatus = useRef(events.status);
  useEffect(() => {
    const previous = previousStatus.current;
    previousStatus.current = events.status;
    if (events.status !== "pending" || previous === "pending") return;
    if (everLive) void refetch();
    else setEverLive(true);
  }, [events.status, everLive, refetch]);

  // The stall check runs on a timer, not on renders: it reads the latest values from here.
  const latest = useRef({ view: model.view, lastEventAt: model.lastEventAt, liveSince: 0 });
  useEffect(() => {
    latest.current.view = model.view;
    latest.current.lastEventAt = model.lastEventAt;
  });
  const { reset } = events;
  useEffect(() => {
    if (events.status !== "pending") return;
    latest.current.liveSince = Date.now();
    const timer = setInterval(() => {
      const { view, lastEventAt, liveSince } = latest.current;
      const now = Date.now();
      const heard = Math.max(liveSince, lastEventAt ?? 0);
      if (now - heard > STALLED_AFTER_MS && Object.values(view.gateways).some((g) => !isStale(g, now))) reset();
    }, 1_000);
    return () => clearInterval(timer);
  }, [events.status, reset]);

  // An event about a gateway or instance not seen yet; at most once a second.
  const lastResync = useRef(0);
  useEffect(() => {
    if (!model.view.incomplete || isFetching || Date.now() - lastResync.current < 1_000) return;
    lastResync.current = Date.now();
    void refetch();
  }, [model.view.incomplete, isFetching, refetch]);

  const status: LiveStatus = events.status === "pending" ? "live" : events.status === "error" ? "error" : everLive ? "reconnecting" : "connecting";

  return {
    view: model.view,
    traffic: model.traffic,
    lastEventAt: model.lastEventAt,
    loaded: state.data !== undefined,
    loadError: state.error,
    status,
    streamError: events.error,
    reconnect: events.reset,
  };
}
