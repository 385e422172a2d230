// A revision's changes, one block per service, policy or route, with each field before → after.
import type { TEntityDiff } from "@tta/domain/browser";
import { formatValue } from "../ui/format";

const KIND_LABEL: Record<TEntityDiff["kind"], string> = { service: "Service", rateLimitPolicy: "Rate-limit policy", route: "Route" };

export function DiffView({ diff }: { diff: TEntityDiff[] }) {
  return (
    <ul className="diff" data-testid="diff">
      {diff.map((d) => (
        <li key={`${d.kind}:${d.name}`} className={`diff-entry diff-${d.change}`} data-testid="diff-entry">
          <h3>
            <span className={`tag tag-${d.change}`}>{d.change}</span> {KIND_LABEL[d.kind]} <code>{d.name}</code>
          </h3>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Field</th>
                {d.change !== "added" ? <th scope="col">Before</th> : null}
                {d.change !== "removed" ? <th scope="col">After</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{f.field}</th>
                  {d.change !== "added" ? <td className={d.change === "changed" ? "before" : undefined}>{formatValue(f.before)}</td> : null}
                  {d.change !== "removed" ? <td className={d.change === "changed" ? "after" : undefined}>{formatValue(f.after)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ul>
  );
}
