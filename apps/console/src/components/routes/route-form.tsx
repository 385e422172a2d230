"use client";
// The route form: instant zod feedback on fields already visited, the server's field errors next
// to the fields they concern (the server is the authority: names, services, policies).
import type { ReactNode } from "react";
import { HTTP_METHODS, type FieldError, type TRouteInput } from "@tta/domain/browser";
import { CONTENT_CATEGORIES } from "@tta/safety/rules";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormFooter } from "../ui/form-footer";
import { useEntityForm } from "../ui/use-entity-form";
import { withCurrent } from "../ui/with-current";
import { EMPTY_PART } from "./aggregate-form-state";
import { AggregateSection } from "./aggregate-section";
import { CacheSection } from "./cache-section";
import { CompressionSection } from "./compression-section";
import { Field } from "./field";
import { ServiceSelect } from "./service-select";
import { groupErrors, validateLocally, toRouteInput, type RouteField, type RouteFormState } from "./route-form-state";

type TextKey =
  | "name"
  | "priority"
  | "host"
  | "path"
  | "rewrite"
  | "timeoutMs"
  | "retryAttempts"
  | "requiredRoles"
  | "requiredPermissions"
  | "blockedCategories"
  | "wsIdleTimeoutSeconds"
  | "wsMaxMessageBytes"
  | "wsMessagesPerSecond"
  | "wsMessageBurst";

// Short option labels fit the select at any width; what the chosen one does is its field's hint.
const AUTH_HINTS: Record<RouteFormState["auth"], string> = {
  public: "No token needed.",
  authenticated: "A valid token is needed.",
  restricted: "A valid token with the roles and permissions below.",
};
const SCAN_HINTS: Record<RouteFormState["safetyScan"], string> = {
  off: "Requests are not scanned.",
  monitor: "Findings are recorded as events; every request goes through.",
  enforce: "Crises are escalated; blocked content and forbidden personal data are refused.",
};
const KIND_HINTS: Record<RouteFormState["kind"], string> = {
  proxy: "The request goes to the service; its answer streams back.",
  aggregate: "The gateway calls the parts below at once and answers with their JSON merged.",
};
const CRISIS_HINTS: Record<RouteFormState["crisisResponse"], string> = {
  acknowledge: "The gateway answers 202 with crisis resources.",
  forward: "The request goes upstream with an escalation header.",
};

export interface RouteFormProps {
  initial: RouteFormState;
  services: string[];
  /** Names of the policies a route may use. */
  rateLimitPolicies: string[];
  authPolicies: string[];
  /** What the chosen rate-limit policy means on this route's service (the effective limits), if anything. */
  limitsFor?: (policy: string, service: string) => ReactNode;
  submitLabel: string;
  readOnly: boolean;
  /** Resolves with the server's field errors, or null when saved. */
  onSubmit: (route: TRouteInput) => Promise<FieldError[] | null>;
  onCheck?: (route: TRouteInput) => Promise<FieldError[]>;
}

export function RouteForm({ initial, services, rateLimitPolicies, authPolicies, limitsFor, submitLabel, readOnly, onSubmit, onCheck }: RouteFormProps) {
  const { state, set, touch, errorOf, onSubmit: submit, pending, formRef, invalid } = useEntityForm<RouteFormState, RouteField>({
    initial,
    validate: validateLocally,
    toErrors: groupErrors,
    submit: (s) => onSubmit(toRouteInput(s)),
    check: onCheck && ((s) => onCheck(toRouteInput(s))),
  });

  const text = (key: TextKey) => ({
    value: state[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
    onBlur: touch(key),
  });
  const aggregate = state.kind === "aggregate";

  return (
    <form ref={formRef} className="form route-form" onSubmit={submit} noValidate>
      <fieldset disabled={readOnly || pending} className="plain">
        <section className="form-section">
          <h2>Matching</h2>
          <div className="grid-2">
            <Field name="name" label="Name" error={errorOf("name")} hint="Lower-case letters, digits and dashes, e.g. players-api.">
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("name")} />}
            </Field>
            <Field name="host" label="Host" error={errorOf("host")} hint="Empty matches any host; *.example.org matches its sub-domains.">
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="any host" {...text("host")} />}
            </Field>
            <Field name="path" label="Path" error={errorOf("path")} hint="Literal segments, :params and a final *, e.g. /api/players/:id/*.">
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="/api/example/*" {...text("path")} />}
            </Field>
            <Field name="priority" label="Priority" error={errorOf("priority")} hint="Higher is tried first when two routes match equally.">
              {(a) => <input {...a} type="number" step={1} {...text("priority")} />}
            </Field>
          </div>
          <CheckboxGroup
            name="methods"
            legend="Methods"
            options={HTTP_METHODS}
            checked={state.methods}
            onChange={(methods) => set("methods", methods)}
            hint="None checked means every method."
            error={errorOf("methods")}
          />
        </section>

        <section className="form-section">
          <h2>Upstream</h2>
          <div className="grid-2">
            <Field name="kind" label="Kind" error={errorOf("kind")} hint={KIND_HINTS[state.kind]}>
              {(a) => (
                <select
                  {...a}
                  value={state.kind}
                  onChange={(e) => {
                    const kind = e.target.value as RouteFormState["kind"];
                    set("kind", kind);
                    if (kind === "aggregate" && state.aggregateParts.length === 0) set("aggregateParts", [{ ...EMPTY_PART }]);
                  }}
                >
                  <option value="proxy">proxy</option>
                  <option value="aggregate">aggregate</option>
                </select>
              )}
            </Field>
            <Field name="service" label="Service" error={errorOf("service")} hint={aggregate ? "Its priority applies to the parts' requests." : undefined}>
              {(a) => <ServiceSelect {...a} services={services} value={state.service} onChange={(v) => set("service", v)} onBlur={touch("service")} />}
            </Field>
            {aggregate ? null : (
              <Field name="rewrite" label="Rewrite" error={errorOf("rewrite")} hint="The path sent upstream; may reuse :params and *. Empty forwards the path as it is.">
                {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="/example/*" {...text("rewrite")} />}
              </Field>
            )}
            <Field name="timeoutMs" label="Timeout (ms)" error={errorOf("timeoutMs")}>
              {(a) => <input {...a} type="number" min={100} max={300000} step={100} {...text("timeoutMs")} />}
            </Field>
            <Field
              name="retryAttempts"
              label="Retry attempts"
              error={errorOf("retryAttempts")}
              hint="Attempts in all; 1 means no retry. Empty: by the request's priority (3 standard, 5 therapeutic, 10 crisis)."
            >
              {(a) => <input {...a} type="number" min={1} max={10} step={1} placeholder="by priority: 3 / 5 / 10" {...text("retryAttempts")} />}
            </Field>
          </div>
          <div className="checkbox-row">
            <label className="checkbox">
              <input type="checkbox" checked={state.retryNonIdempotent} onChange={(e) => set("retryNonIdempotent", e.target.checked)} />
              Retry non-idempotent requests too
            </label>
            {aggregate ? null : (
              <label className="checkbox">
                <input type="checkbox" checked={state.websocket} onChange={(e) => set("websocket", e.target.checked)} />
                WebSocket upgrades
              </label>
            )}
          </div>
          {state.websocket && !aggregate ? (
            <div style={{ marginTop: "1rem" }}>
              <h3>WebSocket sessions</h3>
              <p className="hint" style={{ marginBottom: "0.75rem" }}>
                All empty: the gateway&apos;s own settings (WS_*). A field left empty while others are set takes the default shown.
              </p>
              <div className="grid-2">
                <Field name="wsIdleTimeoutSeconds" label="Idle timeout (s)" error={errorOf("wsIdleTimeoutSeconds")} hint="No message either way for this long closes the connection (1001). 10 to 86400.">
                  {(a) => <input {...a} type="number" min={10} max={86400} step={1} placeholder="600" {...text("wsIdleTimeoutSeconds")} />}
                </Field>
                <Field name="wsMaxMessageBytes" label="Max message size (bytes)" error={errorOf("wsMaxMessageBytes")} hint="A larger client message closes the connection (1009). 1024 to 16777216.">
                  {(a) => <input {...a} type="number" min={1024} max={16777216} step={1} placeholder="65536" {...text("wsMaxMessageBytes")} />}
                </Field>
                <Field name="wsMessagesPerSecond" label="Messages per second" error={errorOf("wsMessagesPerSecond")} hint="Client messages per second; beyond the rate and the burst the connection is closed (1008). 1 to 10000.">
                  {(a) => <input {...a} type="number" min={1} max={10000} step={1} placeholder="10" {...text("wsMessagesPerSecond")} />}
                </Field>
                <Field name="wsMessageBurst" label="Message burst (messages)" error={errorOf("wsMessageBurst")} hint="Messages a client may send at once over the rate. 1 to 100000.">
                  {(a) => <input {...a} type="number" min={1} max={100000} step={1} placeholder="30" {...text("wsMessageBurst")} />}
                </Field>
              </div>
            </div>
          ) : null}
        </section>

        <section className="form-section">
          <h2>Policies</h2>
          <div className="grid-2">
            <Field name="auth" label="Authentication" error={errorOf("auth")} hint={AUTH_HINTS[state.auth]}>
              {(a) => (
                <select {...a} value={state.auth} onChange={(e) => set("auth", e.target.value as RouteFormState["auth"])}>
                  <option value="public">public</option>
                  <option value="authenticated">authenticated</option>
                  <option value="restricted">restricted</option>
                </select>
              )}
            </Field>
            <Field name="safetyScan" label="Safety scan" error={errorOf("safetyScan")} hint={SCAN_HINTS[state.safetyScan]}>
              {(a) => (
                <select {...a} value={state.safetyScan} onChange={(e) => set("safetyScan", e.target.value as RouteFormState["safetyScan"])}>
                  <option value="off">off</option>
                  <option value="monitor">monitor</option>
                  <option value="enforce">enforce</option>
                </select>
              )}
            </Field>
            <Field name="requiredRoles" label="Required roles" error={errorOf("requiredRoles")} hint="Comma-separated, e.g. player, therapist.">
              {(a) => <input {...a} type="text" autoComplete="off" {...text("requiredRoles")} />}
            </Field>
            <Field name="requiredPermissions" label="Required permissions" error={errorOf("requiredPermissions")} hint="Comma-separated.">
              {(a) => <input {...a} type="text" autoComplete="off" {...text("requiredPermissions")} />}
            </Field>
            <Field name="authPolicy" label="Auth policy" error={errorOf("authPolicy")} hint="How tokens are verified; needed unless authentication is public.">
              {(a) => (
                <select {...a} value={state.authPolicy} onChange={(e) => set("authPolicy", e.target.value)} onBlur={touch("authPolicy")}>
                  <option value="">none</option>
                  {withCurrent(authPolicies, state.authPolicy).map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="rateLimitPolicy" label="Rate-limit policy" error={errorOf("rateLimitPolicy")} hint="Policies are edited on the Policies page.">
              {(a) => (
                <select {...a} value={state.rateLimitPolicy} onChange={(e) => set("rateLimitPolicy", e.target.value)} onBlur={touch("rateLimitPolicy")}>
                  <option value="">none (not limited)</option>
                  {withCurrent(rateLimitPolicies, state.rateLimitPolicy).map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {state.rateLimitPolicy && limitsFor ? limitsFor(state.rateLimitPolicy, state.service) : null}
        </section>

        {aggregate ? <AggregateSection state={state} services={services} readOnly={readOnly} set={set} touch={touch} errorOf={errorOf} /> : null}

        {aggregate ? null : <CacheSection state={state} set={set} touch={touch} errorOf={errorOf} />}

        <CompressionSection state={state} set={set} touch={touch} errorOf={errorOf} />

        <section className="form-section">
          <h2>Therapeutic safety</h2>
          <p className="hint" style={{ marginBottom: "0.75rem" }}>
            Applies when the safety scan is on; refusals only in enforce mode. The rules themselves are edited on the Safety page.
          </p>
          <div className="grid-2">
            <Field name="crisisResponse" label="Crisis response" error={errorOf("crisisResponse")} hint={CRISIS_HINTS[state.crisisResponse]}>
              {(a) => (
                <select {...a} value={state.crisisResponse} onChange={(e) => set("crisisResponse", e.target.value as RouteFormState["crisisResponse"])}>
                  <option value="acknowledge">acknowledge</option>
                  <option value="forward">forward</option>
                </select>
              )}
            </Field>
            <Field
              name="blockedCategories"
              label="Blocked content categories"
              error={errorOf("blockedCategories")}
              hint={`Answered 422. Comma-separated; the default rules have ${CONTENT_CATEGORIES.join(", ")}.`}
            >
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("blockedCategories")} />}
            </Field>
          </div>
          <div className="checkbox-row">
            <label className="checkbox">
              <input type="checkbox" name="forbidPii" checked={state.forbidPii} onChange={(e) => set("forbidPii", e.target.checked)} />
              Refuse personal data in requests (451)
            </label>
            <label className="checkbox">
              <input type="checkbox" name="maskResponsePii" checked={state.maskResponsePii} onChange={(e) => set("maskResponsePii", e.target.checked)} />
              Mask personal data in answers
            </label>
          </div>
        </section>

        <section className="form-section">
          <label className="checkbox">
            <input type="checkbox" name="enabled" checked={state.enabled} onChange={(e) => set("enabled", e.target.checked)} />
            Enabled
          </label>
        </section>

        <FormFooter readOnly={readOnly} pending={pending} submitLabel={submitLabel} formError={errorOf("form")} invalid={invalid} cancelHref="/routes" />
      </fieldset>
    </form>
  );
}
