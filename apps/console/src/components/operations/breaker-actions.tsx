"use client";
// Force open / Force closed / Reset for one service instance, on every gateway, after a confirm.
// Button names carry the service and instance ("Force open players http://127.0.0.1:4102").
import type { TBreakerCommandInput } from "@tta/domain/browser";

export type BreakerAction = TBreakerCommandInput["action"];

export const ACTION_LABEL: Record<BreakerAction, string> = { force_open: "Force open", force_closed: "Force closed", reset: "Reset" };

const ACTION_HINT: Record<BreakerAction, string> = {
  force_open: "No request will reach it until it is reset.",
  force_closed: "Requests reach it whatever its failures.",
  reset: "The breaker decides again from fresh counts.",
};

export interface Confirming {
  service: string;
  instance: string;
  action: BreakerAction;
}

export function BreakerActions(props: {
  service: string;
  instance: string;
  confirming: Confirming | null;
  pending: boolean;
  onAsk: (c: Confirming | null) => void;
  onConfirm: (c: Confirming) => void;
}) {
  const { service, instance, confirming, pending, onAsk, onConfirm } = props;
  const mine = confirming && confirming.service === service && confirming.instance === instance ? confirming : null;
  if (mine) {
    const what = `${ACTION_LABEL[mine.action]} ${service} ${instance} on every gateway?`;
    return (
      <span className="inline-confirm breaker-confirm" role="group" aria-label={what}>
        <span>
          <strong>{ACTION_LABEL[mine.action]}</strong> on every gateway?
        </span>
        <span className="hint">{ACTION_HINT[mine.action]}</span>
        <button type="button" className={mine.action === "force_open" ? "button button-danger button-small" : "button button-primary button-small"} disabled={pending} onClick={() => onConfirm(mine)}>
          {pending ? "Sending…" : "Confirm"}
        </button>
        <button type="button" className="button button-quiet button-small" disabled={pending} onClick={() => onAsk(null)}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <span className="breaker-actions">
      {(Object.keys(ACTION_LABEL) as BreakerAction[]).map((action) => (
        <button
          key={action}
          type="button"
          className="button button-small button-outline"
          aria-label={`${ACTION_LABEL[action]} ${service} ${instance}`}
          disabled={pending}
          onClick={() => onAsk({ service, instance, action })}
        >
          {ACTION_LABEL[action]}
        </button>
      ))}
    </span>
  );
}
