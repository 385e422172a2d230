"use client";
// "What this means": the effective limits of a rate-limit policy (or of a route using it), with
// the multiplier that changed them, so nobody is surprised by a token seeing q=150 where the
// policy says 100.
import type { LimitRow } from "./effective-limits";

export function EffectiveLimits({ rows, caption, testId = "effective-limits" }: { rows: LimitRow[]; caption: string; testId?: string }) {
  return (
    <div className="effective-limits" data-testid={testId}>
      <p className="strong">{caption}</p>
      <ul>
        {rows.map((r) => (
          <li key={r.key} data-testid={`effective-limit-${r.key}`} data-limit={r.limit ?? ""}>
            {r.who}: <strong>{r.text}</strong>
          </li>
        ))}
      </ul>
      <p className="hint">The gateway computes these with the same rule; its RateLimit-Policy header names the quota (q=) a request got.</p>
    </div>
  );
}
