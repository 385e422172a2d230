// The prominent warning of an upload that takes safety away: one line per route or rule category.
// Approval by a clinician is the CLI's job (a later issue); the console warns and lets admins decide.
import type { TSafetyWeakening } from "@tta/domain/browser";

export function SafetyWeakenings({ weakenings, against }: { weakenings: TSafetyWeakening[]; against: string }) {
  if (!weakenings.length) return null;
  const routes = [...new Set(weakenings.filter((w) => w.route).map((w) => w.route!))];
  return (
    <div className="notice notice-error safety-weakening" role="alert" data-testid="safety-weakenings">
      <strong>This file reduces safety compared with {against}.</strong>{" "}
      {routes.length ? (
        <>
          Routes affected: <span data-testid="weakened-routes">{routes.join(", ")}</span>.
        </>
      ) : null}
      <ul>
        {weakenings.map((w) => (
          <li key={`${w.route ?? "rules"}:${w.field}`}>
            {w.route ? (
              <>
                Route <code>{w.route}</code>
              </>
            ) : (
              "Safety rules"
            )}
            : {w.message}.
          </li>
        ))}
      </ul>
      <p className="hint">
        Crisis scanning and PII masking protect players. Check this with a clinician before you apply it: the command-line tool
        (coming later) will refuse such a change unless a clinician approves it; here you decide.
      </p>
    </div>
  );
}
