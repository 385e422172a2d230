"use client";
// The structured side of the rules editor: version, from which severity a crisis escalates, and
// each category on or off. The form below it edits the categories themselves (rules-form.tsx).
import type { CategorySummary, StructuredEdit } from "./rules-draft";

export function StructuredRules(props: {
  summary: { version: string; minSeverity: string; categories: CategorySummary[] };
  disabled: boolean;
  onEdit: (edit: StructuredEdit) => void;
}) {
  const { summary, disabled, onEdit } = props;
  return (
    <fieldset className="form-section structured-rules" disabled={disabled}>
      <legend className="visually-hidden">Rule set settings</legend>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="rules-version">Version</label>
          <input id="rules-version" type="text" value={summary.version} onChange={(e) => onEdit({ type: "version", value: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="rules-min-severity">Escalate from severity</label>
          <select id="rules-min-severity" value={summary.minSeverity} onChange={(e) => onEdit({ type: "minSeverity", value: e.target.value })}>
            {["low", "medium", "high", "critical"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="table-scroll" style={{ marginTop: "0.75rem" }}>
        <table className="table table-compact" aria-label="Categories">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Phrases
              </th>
              <th scope="col" className="num">
                Patterns
              </th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {summary.categories.map((c) => (
              <tr key={`${c.index}-${c.id}`} data-testid={`rules-category-${c.id}`}>
                <td>
                  {c.label} <code>{c.id}</code>
                </td>
                <td>{c.kind}</td>
                <td className="num">{c.phrases}</td>
                <td className="num">{c.patterns}</td>
                <td>
                  <input type="checkbox" aria-label={`Enabled ${c.label}`} checked={c.enabled} onChange={(e) => onEdit({ type: "enabled", index: c.index, value: e.target.checked })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
