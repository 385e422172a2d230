"use client";
// One category in the rules form: its label, kind and switch, which cues may cancel its matches,
// and its phrase and pattern rules; errors of the schema next to what they concern.
import type { FieldError } from "@tta/domain/browser";
import { RuleList } from "./rule-list";
import { errorsAt, type FormEdit } from "./rules-form-edit";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const CUE_SWITCHES = [
  { key: "negation", label: "Negation cancels a match", hint: "“I'm not going to…”" },
  { key: "framing", label: "Quotes, fiction and news cancel a match", hint: "someone else's words, a story" },
  { key: "historical", label: "The distant past cancels a match", hint: "“years ago”, unless it came back" },
] as const;

export function CategoryEditor({ index, category, errors, onEdit }: { index: number; category: unknown; errors: FieldError[]; onEdit: (edit: FormEdit) => void }) {
  const c = obj(category);
  const cues = obj(c.cues);
  const base = ["categories", index] as const;
  const label = String(c.label ?? c.id ?? `category ${index + 1}`);
  const errorOf = (key: string) => errorsAt(errors, [...base, key]).join("; ") || undefined;
  const field = (key: string) => ({ id: `category-${key}`, "aria-invalid": Boolean(errorOf(key)), "aria-describedby": errorOf(key) ? `category-${key}-error` : undefined });
  const error = (key: string) =>
    errorOf(key) ? (
      <p id={`category-${key}-error`} className="field-error" data-testid="rule-field-error" data-path={`categories.${index}.${key}`}>
        {errorOf(key)}
      </p>
    ) : null;

  return (
    <fieldset className="form-section category-editor" data-testid="category-editor" data-category={String(c.id ?? "")}>
      <legend className="strong">
        Category {label} <code>{String(c.id ?? "")}</code>
      </legend>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="category-label">Label</label>
          <input {...field("label")} type="text" value={String(c.label ?? "")} onChange={(e) => onEdit({ type: "set", path: [...base, "label"], value: e.target.value })} />
          {error("label")}
        </div>
        <div className="field">
          <label htmlFor="category-kind">Kind</label>
          <select {...field("kind")} value={String(c.kind ?? "crisis")} onChange={(e) => onEdit({ type: "set", path: [...base, "kind"], value: e.target.value })}>
            <option value="crisis">crisis: escalated to clinicians</option>
            <option value="content">content: a route may block it</option>
          </select>
          {error("kind")}
        </div>
      </div>
      <div className="checkbox-row">
        <label className="checkbox">
          <input type="checkbox" checked={c.enabled !== false} onChange={(e) => onEdit({ type: "set", path: [...base, "enabled"], value: e.target.checked })} />
          Enabled
        </label>
        {CUE_SWITCHES.map((s) => (
          <label key={s.key} className="checkbox" title={s.hint}>
            <input type="checkbox" checked={cues[s.key] !== false} onChange={(e) => onEdit({ type: "set", path: [...base, "cues", s.key], value: e.target.checked })} />
            {s.label}
          </label>
        ))}
      </div>
      {error("cues")}
      <RuleList path={[...base, "phrases"]} kind="phrases" rules={list(c.phrases)} errors={errors} categoryLabel={label} onEdit={onEdit} />
      <RuleList path={[...base, "patterns"]} kind="patterns" rules={list(c.patterns)} errors={errors} categoryLabel={label} onEdit={onEdit} />
    </fieldset>
  );
}
