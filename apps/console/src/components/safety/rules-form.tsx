"use client";
// The rule set as a form: which category to edit (or a new one), that category's rules, and the
// negation cues every category shares. Each change edits the same JSON draft as the advanced view,
// so both are checked by the one schema (@tta/safety/rules) and saved the same way.
import { useState } from "react";
import type { FieldError } from "@tta/domain/browser";
import { CategoryEditor } from "./category-editor";
import { valueAt, type FormEdit } from "./rules-form-edit";
import { WordList } from "./word-list";

type Obj = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function RulesForm({ value, errors, onEdit }: { value: unknown; errors: FieldError[]; onEdit: (edit: FormEdit) => void }) {
  const categories = list(valueAt(value, ["categories"]));
  const [selected, setSelected] = useState(0);
  const [adding, setAdding] = useState<{ id: string; label: string; kind: string } | null>(null);
  const index = Math.min(selected, Math.max(0, categories.length - 1));
  const invalidIn = (i: number) => errors.some((e) => e.path === `categories.${i}` || e.path.startsWith(`categories.${i}.`));

  function addCategory() {
    if (!adding) return;
    onEdit({ type: "append", path: ["categories"], value: { id: adding.id.trim(), label: adding.label.trim(), kind: adding.kind, phrases: [], patterns: [] } });
    setSelected(categories.length);
    setAdding(null);
  }

  return (
    <div className="rules-form" data-testid="rules-form">
      <div className="field-row category-picker">
        <div className="field">
          <label htmlFor="rules-category">Category to edit</label>
          <select id="rules-category" value={index} onChange={(e) => setSelected(Number(e.target.value))}>
            {categories.map((c, i) => {
              const cat = (c ?? {}) as Obj;
              return (
                <option key={i} value={i}>
                  {String(cat.label ?? cat.id ?? `category ${i + 1}`)} ({String(cat.id ?? "")}){invalidIn(i) ? " — has problems" : ""}
                </option>
              );
            })}
          </select>
        </div>
        <button type="button" className="button" onClick={() => setAdding(adding ? null : { id: "", label: "", kind: "crisis" })} aria-expanded={adding !== null}>
          New category
        </button>
      </div>
      {adding ? (
        <div className="form-section new-category" role="group" aria-label="New category">
          <div className="grid-2">
            <div className="field">
              <label htmlFor="new-category-id">Id</label>
              <input id="new-category-id" type="text" spellCheck={false} placeholder="gambling_harm" value={adding.id} onChange={(e) => setAdding({ ...adding, id: e.target.value })} />
              <p className="hint">Lower-case letters, digits and _; routes and events name the category by it.</p>
            </div>
            <div className="field">
              <label htmlFor="new-category-label">Label</label>
              <input id="new-category-label" type="text" value={adding.label} onChange={(e) => setAdding({ ...adding, label: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="new-category-kind">Kind</label>
              <select id="new-category-kind" value={adding.kind} onChange={(e) => setAdding({ ...adding, kind: e.target.value })}>
                <option value="crisis">crisis</option>
                <option value="content">content</option>
              </select>
            </div>
          </div>
          <div className="form-actions" style={{ marginTop: "0.75rem" }}>
            <button type="button" className="button button-primary button-small" disabled={!adding.id.trim() || !adding.label.trim()} onClick={addCategory}>
              Add category
            </button>
          </div>
        </div>
      ) : null}
      {categories.length > 0 ? <CategoryEditor key={index} index={index} category={categories[index]} errors={errors} onEdit={onEdit} /> : null}
      <div className="form-section">
        <WordList
          path={["cues", "negation"]}
          label="Negation cues"
          hint="Words that cancel a match right after them (“not”, “never”), in every category whose negation switch is on."
          words={list(valueAt(value, ["cues", "negation"]))}
          errors={errors}
          onEdit={onEdit}
        />
      </div>
    </div>
  );
}
