"use client";
// Following an event's live session: an EventSource on /api/escalations/{id}/follow while the
// clinician wants it, closed on Stop, on a `problem` or `end` (so it does not reconnect and audit
// a new follow for nothing) and when the panel goes away.
import { useCallback, useEffect, useRef, useState } from "react";
import { FOLLOW_EVENTS, type TFollowedMessage, type TLiveSessionProblem } from "@tta/domain/browser";
import { appendFollowed, readFollowEvent } from "./follow-log";

/** idle: not followed yet, or stopped; ended: the gateway closed the follow (the session ended). */
export type FollowStatus = "idle" | "connecting" | "live" | "reconnecting" | "ended" | "error";

export function useSessionFollow(eventId: string) {
  const [status, setStatus] = useState<FollowStatus>("idle");
  const [messages, setMessages] = useState<TFollowedMessage[]>([]);
  const [problem, setProblem] = useState<TLiveSessionProblem | null>(null);
  const source = useRef<EventSource | null>(null);

  const close = useCallback(() => {
    source.current?.close();
    source.current = null;
  }, []);

  const follow = useCallback(() => {
    close();
    setProblem(null);
    setStatus("connecting");
    const es = new EventSource(`/api/escalations/${encodeURIComponent(eventId)}/follow`);
    source.current = es;
    const on = (name: string) => (e: MessageEvent<string>) => {
      if (source.current !== es) return;
      const update = readFollowEvent(name, e.data);
      if (update.kind === "message") setMessages((log) => appendFollowed(log, update.message));
      else if (update.kind === "problem") {
        close();
        setProblem(update.problem);
        setStatus("error");
      } else if (update.kind === "end") {
        close();
        setStatus("ended");
      }
    };
    for (const name of Object.values(FOLLOW_EVENTS)) es.addEventListener(name, on(name) as EventListener);
    es.onopen = () => {
      if (source.current === es) setStatus("live");
    };
    es.onerror = () => {
      if (source.current !== es) return;
      // CONNECTING: the browser retries by itself; CLOSED: the console refused (signed out, no role).
      if (es.readyState === EventSource.CONNECTING) setStatus("reconnecting");
      else {
        close();
        setProblem({ code: "stream_lost", message: "The console refused or lost the live stream. Sign in again if your session ended, then follow again." });
        setStatus("error");
      }
    };
  }, [eventId, close]);

  const stop = useCallback(() => {
    close();
    setStatus("idle");
  }, [close]);

  useEffect(() => close, [close]);

  return { status, messages, problem, follow, stop };
}
