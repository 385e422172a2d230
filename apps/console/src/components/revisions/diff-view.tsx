// A revision's changes, one block per service, policy or route. A change lists each field
// before → after; an addition or removal shows its key fields, the rest folded away.
import type { TEntityDiff, TFieldChange } from "@tta/domain/browser";
import { formatValue } from "../ui/format";

const KIND_LABEL: Record<TEntityDiff["kind"], string> = {
  service: "Service",
  rateLimitPolicy: "Rate-limit policy",
  authPolicy: "Auth policy",
  route: "Route",
  safetyRules: "Safety",
};

const KEY_FIELDS: Record<TEntityDiff["kind"], string[]> = {
  service: ["environment", "instances", "loadBalancing"],
  rateLimitPolicy: ["limit", "windowSeconds", "scope"],
  authPolicy: ["issuer", "algorithms", "jwksUrl"],
  route: ["methods", "host", "path", "rewrite", "service", "enabled"],
  safetyRules: ["version", "description"],
};

const FIELD_LABEL: Record<string, string> = {
  timeoutMs: "timeout (ms)",
  retryPolicy: "retry",
  requiredRoles: "required roles",
  requiredPermissions: "required permissions",
  rateLimitPolicy: "rate-limit policy",
  authPolicy: "auth policy",
  cachePolicy: "cache",
  compression: "compression",
  safetyScan: "safety scan",
  therapeuticPriority: "therapeutic priority",
  healthCheckPath: "health check path",
  loadBalancing: "load balancing",
  windowSeconds: "window (s)",
  therapeuticMultiplier: "therapeutic multiplier",
  crisisBypass: "crisis bypass",
  failMode: "fail mode",
  ipAllowList: "IP allow list",
  ipBlockList: "IP block list",
  jwksUrl: "JWKS URL",
  publicKeys: "public keys",
  secretRef: "secret variable",
  clockSkewSeconds: "clock skew (s)",
  rolesClaim: "roles claim",
  permissionsClaim: "permissions claim",
};

const label = (field: string) => FIELD_LABEL[field] ?? field;

// What an empty value means for a field, in the words the lists use ("all" methods, "any" host).
const EMPTY_MEANS: Record<string, string> = {
  methods: "all",
  host: "any",
  rewrite: "path as requested",
  rateLimitPolicy: "none (not limited)",
  authPolicy: "none",
  requiredRoles: "none",
  requiredPermissions: "none",
  cachePolicy: "off",
  compression: "off",
};
const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
const show = (field: string, value: unknown) => (isEmpty(value) ? (EMPTY_MEANS[field] ?? "none") : formatValue(value));
const valueOf = (d: TEntityDiff, f: TFieldChange) => (d.change === "removed" ? f.before : f.after);

function FieldTable({ entry, fields }: { entry: TEntityDiff; fields: TFieldChange[] }) {
  const changed = entry.change === "changed";
  return (
    <div className="table-scroll">
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">Field</th>
            {changed ? (
              <>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </>
            ) : (
              <th scope="col">{entry.change === "added" ? "Value" : "Value before removal"}</th>
            )}
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{label(f.field)}</th>
              {changed ? (
                <>
                  <td className="before">{show(f.field, f.before)}</td>
                  <td className="after">{show(f.field, f.after)}</td>
                </>
              ) : (
                <td>{show(f.field, valueOf(entry, f))}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryBody({ entry }: { entry: TEntityDiff }) {
  if (entry.change === "changed") return <FieldTable entry={entry} fields={entry.fields} />;
  const keys = KEY_FIELDS[entry.kind];
  const summary = entry.fields.filter((f) => keys.includes(f.field));
  return (
    <>
      <dl className="summary">
        {summary.map((f) => (
          <div key={f.field}>
            <dt>{label(f.field)}</dt>
            <dd>{show(f.field, valueOf(entry, f))}</dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>All fields</summary>
        <FieldTable entry={entry} fields={entry.fields} />
      </details>
    </>
  );
}

export function DiffView({ diff }: { diff: TEntityDiff[] }) {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const d of diff) counts[d.change]++;
  return (
    <>
      <p className="muted" data-testid="diff-counts">
        {counts.added} added, {counts.changed} changed, {counts.removed} removed.
      </p>
      <ul className="diff" data-testid="diff">
        {diff.map((d) => (
          <li key={`${d.kind}:${d.name}`} className={`diff-entry diff-${d.change}`} data-testid="diff-entry">
            <h3>
              <span className={`tag tag-${d.change}`}>{d.change}</span> {KIND_LABEL[d.kind]} <code>{d.name}</code>
            </h3>
            <EntryBody entry={d} />
          </li>
        ))}
      </ul>
    </>
  );
}
