"use client";
// The auth policy form: who issues the tokens and for whom, which algorithms are allowed, where the
// verification keys come from (JWKS URL, public keys, or for HS256 the name of the environment
// variable holding the secret), clock skew and the claims that carry roles and permissions.
import { JWT_ALGORITHMS, type FieldError, type TAuthPolicyInput } from "@tta/domain/browser";
import { Field } from "../routes/field";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormFooter } from "../ui/form-footer";
import { useEntityForm } from "../ui/use-entity-form";
import { authErrors, toAuthInput, validateAuthLocally, type AuthField, type AuthFormState } from "./auth-form-state";

export interface AuthFormProps {
  initial: AuthFormState;
  submitLabel: string;
  readOnly: boolean;
  onSubmit: (policy: TAuthPolicyInput) => Promise<FieldError[] | null>;
  onCheck?: (policy: TAuthPolicyInput) => Promise<FieldError[]>;
}

type TextField = Exclude<AuthField, "algorithms">;

export function AuthForm({ initial, submitLabel, readOnly, onSubmit, onCheck }: AuthFormProps) {
  const f = useEntityForm<AuthFormState, AuthField>({
    initial,
    validate: validateAuthLocally,
    toErrors: authErrors,
    submit: (s) => onSubmit(toAuthInput(s)),
    check: onCheck && ((s) => onCheck(toAuthInput(s))),
  });
  const { state, set, touch, errorOf } = f;
  const text = (key: TextField) => ({ value: state[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value), onBlur: touch(key) });
  const field = (name: AuthField, label: string, hint?: string) => ({ name, label, hint, error: errorOf(name), idPrefix: "auth-policy" });

  return (
    <form ref={f.formRef} className="form policy-form" onSubmit={f.onSubmit} noValidate aria-label="Auth policy">
      <fieldset disabled={readOnly || f.pending} className="plain">
        <section className="form-section">
          <h2>Tokens</h2>
          <div className="grid-2">
            <Field {...field("name", "Name", "Lower-case letters, digits and dashes; routes refer to it by name.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("name")} />}
            </Field>
            <Field {...field("issuer", "Issuer", "The iss claim tokens must carry, e.g. https://auth.tta.dev.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("issuer")} />}
            </Field>
            <Field {...field("audiences", "Audiences", "Comma-separated; a token's aud must name one. Empty accepts any audience.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("audiences")} />}
            </Field>
            <Field {...field("clockSkewSeconds", "Clock skew (s)", "Tolerance on exp and nbf, 0 to 300.")}>
              {(a) => <input {...a} type="number" min={0} max={300} step={1} {...text("clockSkewSeconds")} />}
            </Field>
          </div>
          <CheckboxGroup
            name="algorithms"
            legend="Algorithms"
            options={JWT_ALGORITHMS}
            checked={state.algorithms}
            onChange={(algorithms) => set("algorithms", algorithms)}
            hint="Only these are accepted, never none. HS256 (a shared secret) cannot be combined with RS256/ES256."
            error={errorOf("algorithms")}
          />
        </section>

        <section className="form-section">
          <h2>Keys</h2>
          <div className="grid-2">
            <Field {...field("jwksUrl", "JWKS URL", "RS256/ES256: where the issuer publishes its keys; fetched and cached by the gateway.")}>
              {(a) => <input {...a} type="url" autoComplete="off" spellCheck={false} placeholder="https://auth.tta.dev/.well-known/jwks.json" {...text("jwksUrl")} />}
            </Field>
            <Field {...field("secretRef", "Secret variable", "HS256: the name of the gateway's environment variable that holds the secret. The secret itself is never stored here.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="TTA_JWT_SECRET" {...text("secretRef")} />}
            </Field>
          </div>
          <Field {...field("publicKeys", "Public keys", "RS256/ES256, instead of or besides a JWKS URL: PEM public keys or JWKs as JSON, a blank line between two keys.")}>
            {(a) => <textarea {...a} rows={6} spellCheck={false} className="mono" {...text("publicKeys")} />}
          </Field>
        </section>

        <section className="form-section">
          <h2>Claims</h2>
          <div className="grid-2">
            <Field {...field("rolesClaim", "Roles claim", "The claim that lists the user's roles.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("rolesClaim")} />}
            </Field>
            <Field {...field("permissionsClaim", "Permissions claim", "The claim that lists the user's permissions.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("permissionsClaim")} />}
            </Field>
          </div>
        </section>

        <FormFooter readOnly={readOnly} pending={f.pending} submitLabel={submitLabel} formError={errorOf("form")} invalid={f.invalid} cancelHref="/policies" />
      </fieldset>
    </form>
  );
}
