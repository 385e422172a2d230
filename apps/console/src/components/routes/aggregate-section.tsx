"use client";
// The route form's Aggregation section, shown for routes of kind "aggregate": the parts whose JSON
// answers the gateway merges under their keys, each with its service, method, path, timeout,
// whether it is required, and (required parts) a static fallback. Parts are added and removed in
// place; each field shows its own errors.
import { AGGREGATE_METHODS } from "@tta/domain/browser";
import { EMPTY_PART, partField, type PartField, type PartFormState, type PartMethod } from "./aggregate-form-state";
import { Field, FieldError } from "./field";
import { ServiceSelect } from "./service-select";
import type { RouteField, RouteFormState, StateField } from "./route-form-state";

export interface AggregateSectionProps {
  state: RouteFormState;
  services: string[];
  readOnly: boolean;
  set: <F extends StateField>(key: F, value: RouteFormState[F]) => void;
  touch: (key: RouteField) => () => void;
  errorOf: (key: RouteField) => string | undefined;
}

export function AggregateSection({ state, services, readOnly, set, touch, errorOf }: AggregateSectionProps) {
  const parts = state.aggregateParts;
  const update = (index: number, patch: Partial<PartFormState>) => set("aggregateParts", parts.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  return (
    <section className="form-section" aria-labelledby="aggregation-heading">
      <h2 id="aggregation-heading">Aggregation</h2>
      <p id="hint-aggregateParts" className="hint" style={{ marginBottom: "0.75rem" }}>
        The gateway calls every part at once and answers with their JSON under their keys, plus <code>_aggregate</code> (complete, failed, fallback) and the header
        X-TTA-Aggregate-Complete. A required part that fails answers 502, unless it has a fallback; an optional one is left out.
      </p>
      <ol className="aggregate-parts">
        {parts.map((part, i) => {
          const n = i + 1;
          const name = (field: PartField) => partField(i, field);
          const text = (field: "key" | "path" | "timeoutMs" | "fallback") => ({
            value: part[field],
            onChange: (e: { target: { value: string } }) => update(i, { [field]: e.target.value }),
            onBlur: touch(name(field)),
          });
          return (
            <li key={i} className="aggregate-part" data-testid={`aggregate-part-${i}`}>
              <fieldset className="plain">
                <legend className="aggregate-part-legend">Part {n}</legend>
                <div className="grid-2">
                  <Field name={name("key")} label="Key" error={errorOf(name("key"))} hint="Where its answer goes in the merged JSON, e.g. player.">
                    {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="player" {...text("key")} />}
                  </Field>
                  <Field name={name("service")} label="Service" error={errorOf(name("service"))}>
                    {(a) => <ServiceSelect {...a} services={services} value={part.service} onChange={(service) => update(i, { service })} onBlur={touch(name("service"))} />}
                  </Field>
                  <Field name={name("method")} label="Method" error={errorOf(name("method"))} hint="POST, PUT and PATCH parts get the client's request body.">
                    {(a) => (
                      <select {...a} value={part.method} onChange={(e) => update(i, { method: e.target.value as PartMethod })}>
                        {AGGREGATE_METHODS.map((m) => (
                          <option key={m} value={m}>
                            {m}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field name={name("path")} label="Path" error={errorOf(name("path"))} hint="May reuse the route path's :params and *; a query value may be a :param, e.g. /sessions?player=:id.">
                    {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="/players/:id" {...text("path")} />}
                  </Field>
                  <Field name={name("timeoutMs")} label="Timeout (ms)" error={errorOf(name("timeoutMs"))} hint="All its attempts within this; at most the route's timeout.">
                    {(a) => <input {...a} type="number" min={50} max={300000} step={50} placeholder="5000" {...text("timeoutMs")} />}
                  </Field>
                  <div className="field">
                    <label className="checkbox" style={{ marginTop: "1.6rem" }}>
                      <input type="checkbox" name={name("required")} checked={part.required} onChange={(e) => update(i, { required: e.target.checked })} />
                      Required
                    </label>
                    <FieldError name={name("required")} error={errorOf(name("required"))} />
                  </div>
                </div>
                {part.required ? (
                  <Field
                    name={name("fallback")}
                    label="Fallback (JSON)"
                    error={errorOf(name("fallback"))}
                    hint="Stands in for the part's answer when its service fails, e.g. the crisis resources to show. Empty: none (the request fails with the part)."
                  >
                    {(a) => <textarea {...a} rows={3} spellCheck={false} placeholder='{"lines": [{"name": "988 Suicide & Crisis Lifeline", "phone": "988"}]}' {...text("fallback")} />}
                  </Field>
                ) : null}
                {readOnly ? null : (
                  <div>
                    <button type="button" className="button button-quiet button-small" aria-label={`Remove part ${n}`} onClick={() => set("aggregateParts", parts.filter((_, j) => j !== i))}>
                      Remove part
                    </button>
                  </div>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {parts.length === 0 ? <p className="muted">No parts yet.</p> : null}
      <FieldError name="aggregateParts" error={errorOf("aggregateParts")} />
      {readOnly ? null : (
        <button type="button" className="button button-small" onClick={() => set("aggregateParts", [...parts, { ...EMPTY_PART }])}>
          Add part
        </button>
      )}
    </section>
  );
}
