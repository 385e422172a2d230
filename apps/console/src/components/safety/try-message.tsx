"use client";
// "Try a message": scans a sample with the unsaved draft (when it is valid) or the working rules,
// and shows what it signals, what a cue cancelled and why, and which kinds of PII it holds; then
// what the gateway does with the rules and its built-in crisis model combined. The answer is
// masked; the message is not stored.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TSafetyTestResult } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { categoryLabel } from "../escalations/labels";
import { SeverityTag } from "../escalations/queue-table";
import { FieldError } from "../routes/field";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";

type Row = TSafetyTestResult["suppressed"][number] | TSafetyTestResult["signals"][number] | TSafetyTestResult["combined"]["signals"][number];

const FOUND_BY = { rule: "rules", model: "model", both: "rules and model" } as const;

const SOURCE: Record<TSafetyTestResult["source"], string> = { draft: "your unsaved draft", working: "the working rules", defaults: "the built-in rules" };

function Signals({ label, rows, testId }: { label: string; rows: Row[]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="table table-compact" aria-label={label} data-testid={testId}>
        <caption className="strong" style={{ textAlign: "left" }}>
          {label}
        </caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Severity</th>
            <th scope="col">Matched (masked)</th>
            <th scope="col">{"reason" in rows[0]! ? "Why cancelled" : "Rule"}</th>
            {"source" in rows[0]! ? <th scope="col">Found by</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.rule}-${i}`}>
              <td>{categoryLabel(r.category)}</td>
              <td>
                <SeverityTag severity={r.severity} />
                {"raised" in r && r.raised ? <span className="tag">raised</span> : null}
              </td>
              <td>{r.match}</td>
              <td>{"reason" in r ? r.reason : <code>{r.rule}</code>}</td>
              {"source" in r ? (
                <td>
                  {FOUND_BY[r.source]}
                  {r.review ? <span className="tag">review</span> : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TryMessage({ draftRules }: { draftRules: unknown | undefined }) {
  const trpc = useTRPC();
  const [message, setMessage] = useState("");
  const test = useMutation(trpc.safety.rules.test.mutationOptions());
  const fieldErrors = fieldErrorsOf(test.error);
  const messageError = fieldErrors?.find((e) => e.path === "message")?.message;
  const r = test.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    test.mutate(draftRules === undefined ? { message } : { message, rules: draftRules });
  }

  return (
    <section className="section section-first" aria-labelledby="try-heading">
      <h2 id="try-heading">Try a message</h2>
      <form onSubmit={submit} noValidate className="form-section note-form">
        <div className={messageError ? "field field-invalid" : "field"}>
          <label htmlFor="try-message">Message to try</label>
          <textarea id="try-message" rows={4} value={message} onChange={(e) => setMessage(e.target.value)} aria-invalid={Boolean(messageError)} />
          <p className="hint">{draftRules === undefined ? "Scanned with the saved rules." : "Scanned with your unsaved draft."} Nothing is stored.</p>
          <FieldError name="message" error={messageError} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={test.isPending || message.trim() === ""}>
            {test.isPending ? "Scanning…" : "Try message"}
          </button>
        </div>
      </form>
      {test.error && !messageError ? <ErrorNotice error={test.error} title="Could not scan." /> : null}
      {r ? (
        <div className="try-result form-section" data-testid="try-result" data-crisis={r.crisis.detected} data-escalate={r.escalate}>
          <p className={r.crisis.detected ? "verdict verdict-crisis" : "verdict"} data-testid="try-verdict">
            {r.crisis.detected
              ? `Crisis: ${r.crisis.categories.map(categoryLabel).join(", ")}, ${r.crisis.severity}${r.escalate ? " — would be escalated" : " — below the escalation severity"}.`
              : "No crisis detected."}
          </p>
          <p className="muted">
            Scanned with {SOURCE[r.source]} (<code>{r.rulesVersion}</code>){r.truncated ? "; only part of the message was scanned" : ""}.
          </p>
          <Signals label="Signals" rows={r.signals} testId="try-signals" />
          <Signals label="Content violations" rows={r.contentViolations} testId="try-content" />
          <Signals label="Cancelled by a cue" rows={r.suppressed} testId="try-suppressed" />
          <p data-testid="try-combined" data-escalate={r.combined.escalate}>
            {r.combined.escalate
              ? `With the crisis model, as the gateway scans it: escalated (${r.combined.categories.map(categoryLabel).join(", ")}, ${r.combined.severity}${r.combined.signals.every((s) => s.review || s.source === "rule") && r.combined.signals.some((s) => s.review) ? ", for review" : ""}).`
              : "With the crisis model, as the gateway scans it: not escalated."}
          </p>
          <p className="muted" data-testid="try-classifier" data-by={r.classifier.by}>
            {r.classifier.by === "gateway"
              ? r.classifier.stages === 0
                ? "A running gateway answered: it runs no crisis classifier (rules alone)."
                : `Crisis classifier: a running gateway's (${r.classifier.stages === 2 ? "both stages" : r.classifier.name ?? "one stage"})${r.classifier.clearedBySecondStage ? `; its first stage flagged the message, the second stage cleared it (probability ${r.classifier.secondStageProbability?.toFixed(3)})` : ""}.`
              : "No gateway answered: the console's copy of the first stage only, which can flag what a gateway's second stage clears."}
          </p>
          <Signals label="Signals, rules and crisis model" rows={r.combined.signals} testId="try-combined-signals" />
          <p data-testid="try-pii">{r.pii.length ? `Personal data: ${[...new Set(r.pii.map((p) => p.kind))].join(", ")}.` : "No personal data found."}</p>
        </div>
      ) : null}
    </section>
  );
}
