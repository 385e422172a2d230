"use client";
// A breaker's rolling window as the Hystrix dashboard shows it: successes, failures (5xx), no
// answer (connection failures and timeouts) and rejects (refused while open or probing), over the
// breaker's window. Shown under each gateway's breaker badge.
import type { TBreakerRolling } from "@tta/domain/browser";

const PARTS = [
  { key: "successes", label: "ok", className: "count-ok", title: "successful answers" },
  { key: "failures", label: "5xx", className: "count-bad", title: "5xx answers" },
  { key: "connectionFailures", label: "no answer", className: "count-bad", title: "connection failures and timeouts" },
  { key: "rejects", label: "rejected", className: "count-warn", title: "requests the breaker refused" },
] as const;

export function BreakerCounts({ rolling, testId }: { rolling: TBreakerRolling; testId: string }) {
  if (rolling.windowMs <= 0) return null; // a gateway before the rolling counts
  return (
    <span
      className="breaker-counts"
      data-testid={testId}
      data-successes={rolling.successes}
      data-failures={rolling.failures}
      data-connection-failures={rolling.connectionFailures}
      data-rejects={rolling.rejects}
      title={`Over the breaker's last ${Math.round(rolling.windowMs / 1000)} s`}
    >
      {PARTS.map((p) => (
        <span key={p.key} className={rolling[p.key] > 0 ? p.className : "count-zero"} title={p.title}>
          {rolling[p.key]} {p.label}
        </span>
      ))}
      <span className="muted">/ {Math.round(rolling.windowMs / 1000)} s</span>
    </span>
  );
}
