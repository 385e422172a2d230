"use client";
// The mute switch of the escalation sound, with what it is doing now.
import type { SoundState } from "./use-alert-sound";

const STATUS: Record<SoundState, string> = {
  on: "Sound on",
  muted: "Muted",
  waiting: "Click anywhere on the page to allow sound",
};

export function SoundToggle({ state, played, onToggle }: { state: SoundState; played: number; onToggle: () => void }) {
  return (
    <div className="sound-toggle" data-testid="sound-toggle" data-sound={state} data-beeps={played}>
      <button type="button" className="button button-small button-outline" aria-pressed={state !== "muted"} onClick={onToggle}>
        <SpeakerIcon muted={state === "muted"} /> Sound alerts
      </button>
      <span className="muted sound-status">{STATUS[state]}</span>
    </div>
  );
}

function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M11 5 6 9H2v6h4l5 4V5z" />
      {muted ? <path d="m23 9-6 6M17 9l6 6" /> : <path d="M15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />}
    </svg>
  );
}
