"use client";
// A service's static instances as an editable list of rows (URL and weight), each row with its own
// errors; rows are added and removed in place. Instances that register themselves at run time are
// not config: they show in the live state, not here.
import { FieldError as FieldErrorText } from "../routes/field";
import { instanceRow, type InstanceErrors, type InstanceRowState } from "./service-form-state";

export interface InstancesEditorProps {
  rows: InstanceRowState[];
  errors: InstanceErrors;
  readOnly: boolean;
  onChange: (rows: InstanceRowState[]) => void;
  onBlur: () => void;
}

export function InstancesEditor({ rows, errors, readOnly, onChange, onBlur }: InstancesEditorProps) {
  const update = (index: number, patch: Partial<InstanceRowState>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <div className="instance-editor" role="group" aria-labelledby="instances-heading" aria-describedby="hint-instances">
      <ol className="instance-rows">
        {rows.map((row, i) => {
          const e = errors.rows[i] ?? {};
          const n = i + 1;
          const urlId = `service-instance-${i}-url`;
          const weightId = `service-instance-${i}-weight`;
          return (
            <li key={row.key} className="instance-row" data-testid={`instance-row-${i}`}>
              <div className={e.url ? "field field-invalid instance-url" : "field instance-url"}>
                <label htmlFor={urlId}>
                  URL<span className="visually-hidden"> of instance {n}</span>
                </label>
                <input
                  id={urlId}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="http://10.0.0.5:4001"
                  value={row.url}
                  aria-invalid={Boolean(e.url)}
                  aria-describedby={e.url ? `field-error-instances-${i}-url` : undefined}
                  onChange={(ev) => update(i, { url: ev.target.value })}
                  onBlur={onBlur}
                />
                <InstanceError id={`instances-${i}-url`} path={`instances.${i}.url`} error={e.url} />
              </div>
              <div className={e.weight ? "field field-invalid instance-weight" : "field instance-weight"}>
                <label htmlFor={weightId}>
                  Weight<span className="visually-hidden"> of instance {n}</span>
                </label>
                <input
                  id={weightId}
                  type="number"
                  min={1}
                  max={100}
                  step={1}
                  value={row.weight}
                  aria-invalid={Boolean(e.weight)}
                  aria-describedby={e.weight ? `field-error-instances-${i}-weight` : undefined}
                  onChange={(ev) => update(i, { weight: ev.target.value })}
                  onBlur={onBlur}
                />
                <InstanceError id={`instances-${i}-weight`} path={`instances.${i}.weight`} error={e.weight} />
              </div>
              {readOnly ? null : (
                <button type="button" className="button button-quiet button-small instance-remove" aria-label={`Remove instance ${n}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {rows.length === 0 ? <p className="muted">No instances.</p> : null}
      <FieldErrorText name="instances" error={errors.list} />
      {readOnly ? null : (
        <button type="button" className="button button-small" onClick={() => onChange([...rows, instanceRow()])}>
          Add instance
        </button>
      )}
    </div>
  );
}

function InstanceError({ id, path, error }: { id: string; path: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`field-error-${id}`} className="field-error" role="alert" data-testid={`field-error-${path}`}>
      {error}
    </p>
  );
}
