// A labelled form field with its hint and its error, wired for screen readers and for tests:
// the input gets aria-invalid and aria-describedby; the error has role="alert" and a test id.
import type { ReactNode } from "react";

export interface FieldA11y {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}

export function Field(props: { name: string; label: string; error?: string; hint?: string; idPrefix?: string; children: (a11y: FieldA11y) => ReactNode }) {
  const { name, label, error, hint, idPrefix = "route" } = props;
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint ? `hint-${name}` : null, error ? `field-error-${name}` : null].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {props.children({ id, name, "aria-invalid": Boolean(error), "aria-describedby": describedBy || undefined })}
      {hint ? (
        <p id={`hint-${name}`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
    </div>
  );
}

export function FieldError({ name, error }: { name: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`field-error-${name}`} className="field-error" role="alert" data-testid={`field-error-${name}`}>
      {error}
    </p>
  );
}
