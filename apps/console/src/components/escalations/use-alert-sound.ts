"use client";
// The audible cue of new escalations: a short WebAudio beep (two for high, three for critical).
// Browsers refuse to start audio before the user has interacted with the page (and log an error
// when a page tries), so the AudioContext is created on the first click or key press, or at once
// when the page already had one (navigation inside the console). Muting is remembered per browser.
import { useCallback, useEffect, useRef, useState } from "react";
import type { TEventSeverity } from "@tta/domain/browser";

const MUTED_KEY = "tta.escalations.muted";
const BEEPS: Record<TEventSeverity, number> = { low: 1, medium: 1, high: 2, critical: 3 };

/** "waiting": sound is on but the browser needs a first click or key press on the page. */
export type SoundState = "on" | "muted" | "waiting";

type UserActivation = { hasBeenActive: boolean };

export function useAlertSound() {
  const context = useRef<AudioContext | null>(null);
  const [muted, setMuted] = useState(false);
  const [unlocked, setUnlocked] = useState(false);
  const [played, setPlayed] = useState(0);

  useEffect(() => {
    setMuted(window.localStorage.getItem(MUTED_KEY) === "1");
  }, []);

  useEffect(() => {
    if (unlocked) return;
    const unlock = () => {
      try {
        context.current ??= new AudioContext();
        void context.current.resume().catch(() => {});
        setUnlocked(true);
      } catch {
        // No WebAudio here: the visible cue remains.
      }
    };
    if ((navigator as Navigator & { userActivation?: UserActivation }).userActivation?.hasBeenActive) return unlock();
    const options = { capture: true, once: true } as const;
    window.addEventListener("pointerdown", unlock, options);
    window.addEventListener("keydown", unlock, options);
    return () => {
      window.removeEventListener("pointerdown", unlock, options);
      window.removeEventListener("keydown", unlock, options);
    };
  }, [unlocked]);

  useEffect(() => () => void context.current?.close().catch(() => {}), []);

  const play = useCallback(
    (severity: TEventSeverity) => {
      const ctx = context.current;
      if (muted || !ctx || ctx.state === "closed") return;
      try {
        const start = ctx.currentTime + 0.02;
        for (let i = 0; i < BEEPS[severity]; i++) {
          const at = start + i * 0.2;
          const tone = ctx.createOscillator();
          const gain = ctx.createGain();
          tone.type = "sine";
          tone.frequency.value = severity === "critical" ? 988 : 880;
          gain.gain.setValueAtTime(0.0001, at);
          gain.gain.exponentialRampToValueAtTime(0.25, at + 0.015);
          gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.13);
          tone.connect(gain).connect(ctx.destination);
          tone.start(at);
          tone.stop(at + 0.14);
        }
        setPlayed((n) => n + 1);
      } catch {
        // A beep that cannot play must not break the queue.
      }
    },
    [muted],
  );

  const toggleMuted = useCallback(() => {
    setMuted((m) => {
      window.localStorage.setItem(MUTED_KEY, m ? "0" : "1");
      return !m;
    });
  }, []);

  const state: SoundState = muted ? "muted" : unlocked ? "on" : "waiting";
  return { state, played, play, toggleMuted };
}
