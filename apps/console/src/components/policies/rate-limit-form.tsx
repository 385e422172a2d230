"use client";
// The rate-limit policy form: limit, window and burst; who is counted; the therapeutic multiplier
// and crisis bypass; what happens when Redis is down; IP lists; adaptive limiting.
import { ZRateLimitPolicy, type FieldError, type TRateLimitPolicyInput } from "@tta/domain/browser";
import { Field, FieldError as FieldErrorText } from "../routes/field";
import { FormFooter } from "../ui/form-footer";
import { useEntityForm } from "../ui/use-entity-form";
import { effectiveLimitRows } from "./effective-limits";
import { EffectiveLimits } from "./effective-limits-view";
import { rateLimitErrors, toRateLimitInput, validateRateLimitLocally, type RateLimitField, type RateLimitFormState } from "./rate-limit-form-state";

export interface RateLimitFormProps {
  initial: RateLimitFormState;
  submitLabel: string;
  readOnly: boolean;
  onSubmit: (policy: TRateLimitPolicyInput) => Promise<FieldError[] | null>;
  onCheck?: (policy: TRateLimitPolicyInput) => Promise<FieldError[]>;
}

type TextField = Exclude<RateLimitField, "scope" | "failMode" | "crisisBypass" | "adaptiveEnabled">;

export function RateLimitForm({ initial, submitLabel, readOnly, onSubmit, onCheck }: RateLimitFormProps) {
  const f = useEntityForm<RateLimitFormState, RateLimitField>({
    initial,
    validate: validateRateLimitLocally,
    toErrors: rateLimitErrors,
    submit: (s) => onSubmit(toRateLimitInput(s)),
    check: onCheck && ((s) => onCheck(toRateLimitInput(s))),
  });
  const { state, set, touch, errorOf } = f;
  const text = (key: TextField) => ({ value: state[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value), onBlur: touch(key) });
  // The numbers as the form now has them (defaults filled in); none while a field is not valid.
  const parsed = ZRateLimitPolicy.safeParse(toRateLimitInput(state));
  const field = (name: RateLimitField, label: string, hint?: string) => ({ name, label, hint, error: errorOf(name), idPrefix: "rate-limit" });

  return (
    <form ref={f.formRef} className="form policy-form" onSubmit={f.onSubmit} noValidate aria-label="Rate-limit policy">
      <fieldset disabled={readOnly || f.pending} className="plain">
        <section className="form-section">
          <h2>Limit</h2>
          <div className="grid-2">
            <Field {...field("name", "Name", "Lower-case letters, digits and dashes; routes refer to it by name.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("name")} />}
            </Field>
            <Field {...field("scope", "Scope", "Whose requests share one counter.")}>
              {(a) => (
                <select {...a} value={state.scope} onChange={(e) => set("scope", e.target.value as RateLimitFormState["scope"])}>
                  <option value="user">user: per signed-in user (IP when anonymous)</option>
                  <option value="ip">ip: per client address</option>
                  <option value="endpoint">endpoint: per route, all clients together</option>
                </select>
              )}
            </Field>
            <Field {...field("limit", "Limit", "Requests allowed per window.")}>
              {(a) => <input {...a} type="number" min={1} step={1} {...text("limit")} />}
            </Field>
            <Field {...field("windowSeconds", "Window (s)")}>
              {(a) => <input {...a} type="number" min={1} max={86400} step={1} {...text("windowSeconds")} />}
            </Field>
            <Field {...field("burst", "Burst", "Extra requests allowed on top of the limit; 0 for none.")}>
              {(a) => <input {...a} type="number" min={0} step={1} {...text("burst")} />}
            </Field>
            <Field {...field("therapeuticMultiplier", "Therapeutic multiplier", "Therapeutic routes and sessions get limit and burst × this: see the effective limits below.")}>
              {(a) => <input {...a} type="number" min={1} max={10} step={0.1} {...text("therapeuticMultiplier")} />}
            </Field>
            <Field {...field("failMode", "Fail mode", "What the gateway does when it cannot reach Redis.")}>
              {(a) => (
                <select {...a} value={state.failMode} onChange={(e) => set("failMode", e.target.value as RateLimitFormState["failMode"])}>
                  <option value="open">open: let requests through</option>
                  <option value="closed">closed: refuse with 429</option>
                </select>
              )}
            </Field>
          </div>
          <div className="checkbox-row">
            <label className="checkbox">
              <input type="checkbox" checked={state.crisisBypass} onChange={(e) => set("crisisBypass", e.target.checked)} />
              Crisis bypass
            </label>
          </div>
          <div className="grid-2">
            <Field {...field("crisisAllowance", "Crisis allowance", "Crises one player (or client address) may send past the limit per crisis window; past it they are limited and still escalated.")}>
              {(a) => <input {...a} type="number" min={1} max={10000} step={1} {...text("crisisAllowance")} />}
            </Field>
            <Field {...field("crisisWindowSeconds", "Crisis window (s)")}>
              {(a) => <input {...a} type="number" min={1} max={86400} step={1} {...text("crisisWindowSeconds")} />}
            </Field>
          </div>
          {parsed.success ? (
            <EffectiveLimits rows={effectiveLimitRows(parsed.data)} caption="Effective limits, by who is asking:" />
          ) : (
            <p className="hint" data-testid="effective-limits-pending">
              The effective limits show here once the fields above are valid.
            </p>
          )}
        </section>

        <section className="form-section">
          <h2>IP lists</h2>
          <div className="grid-2">
            <Field {...field("ipAllowList", "IP allow list", "Never limited. One address or CIDR range per line.")}>
              {(a) => <textarea {...a} rows={4} spellCheck={false} {...text("ipAllowList")} />}
            </Field>
            <Field {...field("ipBlockList", "IP block list", "Always refused. One address or CIDR range per line.")}>
              {(a) => <textarea {...a} rows={4} spellCheck={false} {...text("ipBlockList")} />}
            </Field>
          </div>
        </section>

        <section className="form-section">
          <h2>Adaptive limiting</h2>
          <label className="checkbox">
            <input type="checkbox" checked={state.adaptiveEnabled} onChange={(e) => set("adaptiveEnabled", e.target.checked)} />
            Adaptive limiting
          </label>
          <p className="hint">Tightens the limit while the upstream is slow or failing, and relaxes it after.</p>
          <div className="grid-2">
            <Field {...field("adaptiveLatencyMsThreshold", "Latency threshold (ms)")}>
              {(a) => <input {...a} type="number" min={1} step={1} {...text("adaptiveLatencyMsThreshold")} />}
            </Field>
            <Field {...field("adaptiveErrorRateThreshold", "Error-rate threshold", "A fraction: 0.2 means 20 % of answers failing.")}>
              {(a) => <input {...a} type="number" min={0} max={1} step={0.01} {...text("adaptiveErrorRateThreshold")} />}
            </Field>
            <Field {...field("adaptiveMinFactor", "Minimum factor", "The limit never shrinks below limit × this.")}>
              {(a) => <input {...a} type="number" min={0.01} max={1} step={0.05} {...text("adaptiveMinFactor")} />}
            </Field>
          </div>
          <FieldErrorText name="adaptiveEnabled" error={errorOf("adaptiveEnabled")} />
        </section>

        <FormFooter readOnly={readOnly} pending={f.pending} submitLabel={submitLabel} formError={errorOf("form")} invalid={f.invalid} cancelHref="/policies" />
      </fieldset>
    </form>
  );
}
