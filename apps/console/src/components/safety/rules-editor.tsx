"use client";
// The working safety rule set: a form (categories, phrases, patterns, severities, negation cues) or,
// as an advanced option, its JSON; both edit one draft, checked as you type by the rule set's own
// schema (the server checks again on save). Saved rules go live with the next publish, like routes.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useMemo, useState } from "react";
import type { FieldError, TSafetyRulesRecord } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { formatTime } from "../ui/format";
import { applyEdit, checkDraft, formatRules, summarize, type DraftCheck, type StructuredEdit } from "./rules-draft";
import { RulesForm } from "./rules-form";
import { applyFormEdit, type FormEdit } from "./rules-form-edit";
import { StructuredRules } from "./structured-rules";

type View = "form" | "json";

/** The draft as it is now (not deferred), so that a form edit never builds on a stale value. */
function parseNow(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function ErrorList({ errors }: { errors: FieldError[] }) {
  return (
    <div className="notice notice-error" role="alert" data-testid="rule-errors">
      <strong>{errors.length === 1 ? "1 problem" : `${errors.length} problems`} in these rules:</strong>
      <ul className="rule-errors">
        {errors.map((e, i) => (
          <li key={`${e.path}-${i}`} data-testid="rule-error" data-path={e.path}>
            <code>{e.path || "(rule set)"}</code>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RulesEditor({ record, onDraft }: { record: TSafetyRulesRecord; onDraft: (check: DraftCheck, dirty: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useMemo(() => formatRules(record.rules), [record.rules]);
  const [text, setText] = useState(saved);
  const [confirmReset, setConfirmReset] = useState(false);
  const [view, setView] = useState<View>("form");
  const [notice, setNotice] = useState<string | null>(null);
  const deferred = useDeferredValue(text);
  const check = useMemo(() => checkDraft(deferred), [deferred]);
  const dirty = text !== saved;
  const now = useMemo(() => parseNow(text), [text]);
  const summary = now.ok ? summarize(now.value) : null;

  const options = {
    onSuccess: (next: TSafetyRulesRecord) => {
      setText(formatRules(next.rules));
      onDraft({ kind: "valid", value: next.rules }, false);
      setNotice(next.isDefault ? "Back to the built-in rules." : "Saved.");
      setConfirmReset(false);
      void queryClient.invalidateQueries();
    },
  };
  const update = useMutation(trpc.safety.rules.update.mutationOptions(options));
  const serverErrors = fieldErrorsOf(update.error);
  const errors = serverErrors ?? (check.kind === "invalid" ? check.errors : []);
  const formEdit = (e: FormEdit) => now.ok && edit(formatRules(applyFormEdit(now.value, e)));

  function edit(next: string) {
    setText(next);
    setNotice(null);
    update.reset();
    onDraft(checkDraft(next), next !== saved);
  }

  return (
    <section className="section section-first" aria-labelledby="rules-heading">
      <div className="section-head">
        <div>
          <h2 id="rules-heading">Rules</h2>
          <p className="muted" data-testid="rules-source">
            {record.isDefault ? "The built-in rules (no working copy yet)." : `Working copy, saved ${record.updatedAt ? formatTime(record.updatedAt) : ""}.`} Saved
            rules go live when the configuration is published.
          </p>
        </div>
      </div>
      {notice ? (
        <p className="notice notice-success" role="status" data-testid="rules-saved">
          {notice} Publish to make it live.
        </p>
      ) : null}
      {update.error && !serverErrors ? <ErrorNotice error={update.error} title="Not saved." /> : null}
      {serverErrors ? <ErrorList errors={serverErrors} /> : check.kind === "invalid" ? <ErrorList errors={check.errors} /> : null}
      <div className="segmented view-switch" role="radiogroup" aria-label="Edit the rules as">
        {(
          [
            ["form", "Form"],
            ["json", "JSON (advanced)"],
          ] as const
        ).map(([v, label]) => (
          <label key={v} className={view === v ? "segment active" : "segment"}>
            <input type="radio" name="rules-view" value={v} checked={view === v} onChange={() => setView(v)} />
            {label}
          </label>
        ))}
      </div>
      {view === "form" ? (
        summary && now.ok ? (
          <>
            <StructuredRules summary={summary} disabled={update.isPending} onEdit={(e: StructuredEdit) => edit(formatRules(applyEdit(now.value, e)))} />
            <fieldset className="plain" disabled={update.isPending}>
              <RulesForm value={now.value} errors={errors} onEdit={formEdit} />
            </fieldset>
          </>
        ) : (
          <p className="notice notice-error" role="alert" data-testid="rules-form-unavailable">
            The draft is not a rule set the form can show{check.kind === "json-error" ? ` (not valid JSON: ${check.message})` : ""}. Fix it in the JSON view, or discard the changes.
          </p>
        )
      ) : (
        <div className={check.kind === "json-error" ? "field field-invalid" : "field"} style={{ marginTop: "0.75rem" }}>
          <label htmlFor="rules-json">Rules (JSON)</label>
          <textarea
            id="rules-json"
            className="rules-json"
            spellCheck={false}
            value={text}
            onChange={(e) => edit(e.target.value)}
            aria-invalid={check.kind !== "valid"}
            aria-describedby={check.kind === "json-error" ? "field-error-rules" : "hint-rules"}
          />
          <p id="hint-rules" className="hint">
            Everything the form edits and more: idioms and intensifiers, the other cues, lexicon and misspellings. See the @tta/safety README.
          </p>
          {check.kind === "json-error" ? (
            <p id="field-error-rules" className="field-error" role="alert" data-testid="field-error-rules">
              Not valid JSON: {check.message}
            </p>
          ) : null}
        </div>
      )}
      <div className="form-actions" style={{ marginTop: "0.75rem" }}>
        <button type="button" className="button button-primary" disabled={!dirty || check.kind !== "valid" || update.isPending} onClick={() => update.mutate({ rules: JSON.parse(text) })}>
          {update.isPending ? "Saving…" : "Save rules"}
        </button>
        <button type="button" className="button" disabled={!dirty} onClick={() => edit(saved)}>
          Discard changes
        </button>
        {record.isDefault ? null : confirmReset ? (
          <span className="inline-confirm" role="group" aria-label="Go back to the built-in rules?">
            <span>Go back to the built-in rules?</span>
            <button type="button" className="button button-danger button-small" onClick={() => update.mutate({ rules: null })}>
              Confirm
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => setConfirmReset(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="button button-quiet" onClick={() => setConfirmReset(true)}>
            Reset to built-in rules
          </button>
        )}
      </div>
    </section>
  );
}
