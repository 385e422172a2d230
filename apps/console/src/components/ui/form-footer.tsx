// The end of an editing form: a form-level error, the "fix the fields" note, save, and cancel (back
// to the list at cancelHref).
import Link from "next/link";

export function FormFooter(props: { readOnly: boolean; pending: boolean; submitLabel: string; formError?: string; invalid: boolean; cancelHref: string }) {
  return (
    <>
      {props.formError ? (
        <p className="notice notice-error" role="alert" data-testid="field-error-form">
          {props.formError}
        </p>
      ) : null}
      {props.invalid ? (
        <p className="notice notice-error" data-testid="form-invalid">
          Some fields need attention before this can be saved.
        </p>
      ) : null}
      <div className="form-actions">
        {props.readOnly ? null : (
          <button type="submit" className="button button-primary">
            {props.pending ? "Saving…" : props.submitLabel}
          </button>
        )}
        <Link href={props.cancelHref} className="button button-quiet">
          {props.readOnly ? "Close" : "Cancel"}
        </Link>
      </div>
    </>
  );
}
