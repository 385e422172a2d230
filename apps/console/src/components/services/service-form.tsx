"use client";
// The service form: identity and environment, static instances, TLS to https instances, active
// health checks, the circuit breaker, dependencies, and the load-balancing strategy. Retries are a
// route's setting (see the note).
import { useState } from "react";
import type { FieldError, TServiceInput } from "@tta/domain/browser";
import { Field } from "../routes/field";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormFooter } from "../ui/form-footer";
import { useEntityForm } from "../ui/use-entity-form";
import { InstancesEditor } from "./instances-editor";
import { instanceErrors, localServiceFieldErrors, serviceErrors, toServiceInput, validateServiceLocally, type ServiceField, type ServiceFormState } from "./service-form-state";

export interface ServiceFormProps {
  initial: ServiceFormState;
  /** The other services of the working configuration: what this one may depend on. */
  otherServices: string[];
  submitLabel: string;
  readOnly: boolean;
  onSubmit: (service: TServiceInput) => Promise<FieldError[] | null>;
  onCheck?: (service: TServiceInput) => Promise<FieldError[]>;
}

type TextField = Exclude<ServiceField, "environment" | "therapeuticPriority" | "loadBalancing" | "instances" | "dependencies" | "healthCheckEnabled" | "tlsVerify">;

// Short option labels fit the select at any width; what the chosen one does is the field's hint.
const STRATEGIES: Record<ServiceFormState["loadBalancing"], [label: string, hint: string]> = {
  round_robin: ["round robin", "Each instance in turn."],
  weighted_round_robin: ["weighted round robin", "In turn, in proportion to weight."],
  least_connections: ["least connections", "The fewest requests in flight per unit of weight."],
  health_based: ["health based", "In proportion to weight × health."],
  therapeutic_priority: ["therapeutic priority", "Higher-priority requests lean harder toward the healthiest, least loaded instances."],
};

export function ServiceForm({ initial, otherServices, submitLabel, readOnly, onSubmit, onCheck }: ServiceFormProps) {
  // The server's field errors, kept whole: the instance rows show theirs next to each input.
  const [serverFields, setServerFields] = useState<FieldError[] | null>(null);
  const f = useEntityForm<ServiceFormState, ServiceField>({
    initial,
    validate: validateServiceLocally,
    toErrors: (fields, s) => {
      setServerFields(fields);
      return serviceErrors(fields, s);
    },
    submit: (s) => onSubmit(toServiceInput(s)),
    check: onCheck && ((s) => onCheck(toServiceInput(s))),
  });
  const { state, set, touch, errorOf } = f;
  const text = (key: TextField) => ({ value: state[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value), onBlur: touch(key) });
  const field = (name: ServiceField, label: string, hint?: string) => ({ name, label, hint, error: errorOf(name), idPrefix: "service" });

  const serverInstanceErrors = serverFields?.some((e) => e.path.startsWith("instances")) ? serverFields : null;
  const rowErrors = errorOf("instances") === undefined ? { rows: {} } : instanceErrors(serverInstanceErrors ?? localServiceFieldErrors(state));
  const dependencyOptions = [...new Set([...otherServices.filter((s) => s !== state.name), ...state.dependencies])].sort();

  return (
    <form ref={f.formRef} className="form service-form" onSubmit={f.onSubmit} noValidate aria-label="Service">
      <fieldset disabled={readOnly || f.pending} className="plain">
        <section className="form-section">
          <h2>Service</h2>
          <div className="grid-2">
            <Field {...field("name", "Name", "Lower-case letters, digits and dashes; routes refer to it by name.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("name")} />}
            </Field>
            <Field {...field("version", "Version", "The version the instances run, for people reading the config.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("version")} />}
            </Field>
            <Field {...field("environment", "Environment")}>
              {(a) => (
                <select {...a} value={state.environment} onChange={(e) => set("environment", e.target.value as ServiceFormState["environment"])}>
                  <option value="dev">dev</option>
                  <option value="prototype">prototype</option>
                  <option value="prod">prod</option>
                </select>
              )}
            </Field>
            <Field {...field("therapeuticPriority", "Therapeutic priority", "Therapeutic and crisis services get quicker breakers (10 calls, open 15 s) by default.")}>
              {(a) => (
                <select {...a} value={state.therapeuticPriority} onChange={(e) => set("therapeuticPriority", e.target.value as ServiceFormState["therapeuticPriority"])}>
                  <option value="standard">standard</option>
                  <option value="therapeutic">therapeutic</option>
                  <option value="crisis">crisis</option>
                </select>
              )}
            </Field>
            <Field {...field("loadBalancing", "Load balancing", `How each request picks one of the instances in rotation. ${STRATEGIES[state.loadBalancing][1]}`)}>
              {(a) => (
                <select {...a} value={state.loadBalancing} onChange={(e) => set("loadBalancing", e.target.value as ServiceFormState["loadBalancing"])}>
                  {Object.entries(STRATEGIES).map(([value, [label]]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </section>

        <section className="form-section">
          <h2 id="instances-heading">Instances</h2>
          <p id="hint-instances" className="hint">
            The static instances of the config. Weight (1–100) counts for the weighted strategies. Instances that register themselves at a gateway join these while
            they run; they show in the live state.
          </p>
          <InstancesEditor
            rows={state.instances}
            errors={rowErrors}
            readOnly={readOnly}
            onBlur={touch("instances")}
            onChange={(rows) => {
              setServerFields(null);
              set("instances", rows);
            }}
          />
        </section>

        <section className="form-section" aria-labelledby="tls-heading">
          <h2 id="tls-heading">TLS to instances</h2>
          <p className="hint">
            For https:// instances. Each file is an absolute path on the gateway, or env:NAME: a gateway variable (its name contains TLS) that holds the path. Only
            the file&apos;s place goes in the config, never a certificate or key. Blank: the public roots, no client certificate. Gateways re-read the files when they
            change.
          </p>
          <div className="grid-2">
            <Field {...field("tlsCaFile", "CA file", "PEM CA certificates the instances' certificates must chain to (a private CA).")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="/etc/tta/tls/ca.pem" {...text("tlsCaFile")} />}
            </Field>
            <Field {...field("tlsServerName", "Server name", "Checked in the certificate and sent as SNI; blank: the instance URL's host.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("tlsServerName")} />}
            </Field>
            <Field {...field("tlsCertFile", "Client certificate file", "For instances that require one (mutual TLS); with its key file.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="env:PLAYERS_TLS_CERT_FILE" {...text("tlsCertFile")} />}
            </Field>
            <Field {...field("tlsKeyFile", "Client key file", "The client certificate's private key (PEM, not encrypted).")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="env:PLAYERS_TLS_KEY_FILE" {...text("tlsKeyFile")} />}
            </Field>
          </div>
          <label className="checkbox">
            <input type="checkbox" name="tlsVerify" checked={state.tlsVerify} onChange={(e) => set("tlsVerify", e.target.checked)} />
            Verify the instances&apos; certificates
          </label>
          {!state.tlsVerify && (
            <p className="notice notice-warning" role="status" data-testid="tls-verify-off">
              Not verified: the connection is encrypted, but anything on the path can pose as the instances. For a test bench only.
            </p>
          )}
        </section>

        <section className="form-section">
          <h2>Health checks</h2>
          <label className="checkbox">
            <input type="checkbox" checked={state.healthCheckEnabled} onChange={(e) => set("healthCheckEnabled", e.target.checked)} />
            Check each instance actively
          </label>
          <div className="grid-2">
            <Field {...field("healthCheckPath", "Health check path", "GET on each instance; any 2xx answer passes.")}>
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("healthCheckPath")} />}
            </Field>
            <Field {...field("healthIntervalMs", "Interval (ms)", "Time between two checks of one instance.")}>
              {(a) => <input {...a} type="number" min={100} max={300000} step={100} {...text("healthIntervalMs")} />}
            </Field>
            <Field {...field("healthTimeoutMs", "Timeout (ms)", "A check not answered in time fails.")}>
              {(a) => <input {...a} type="number" min={50} max={60000} step={50} {...text("healthTimeoutMs")} />}
            </Field>
            <Field {...field("healthyThreshold", "Healthy threshold", "Passed checks in a row that bring an instance back into rotation.")}>
              {(a) => <input {...a} type="number" min={1} max={20} step={1} {...text("healthyThreshold")} />}
            </Field>
            <Field {...field("unhealthyThreshold", "Unhealthy threshold", "Failed checks in a row that take an instance out of rotation.")}>
              {(a) => <input {...a} type="number" min={1} max={20} step={1} {...text("unhealthyThreshold")} />}
            </Field>
          </div>
        </section>

        <section className="form-section">
          <h2>Circuit breaker</h2>
          <p className="hint">
            One breaker per instance, over a sliding window. Blank fields follow the priority: standard opens at 50 % of 20 calls or 5 connection failures and stays
            open 30 s; therapeutic and crisis at 50 % of 10 calls or 3, open 15 s; the window is 10 s.
          </p>
          <div className="grid-2">
            <Field {...field("breakerFailureRate", "Failure rate (%)", "Share of the window's calls that must fail to open it.")}>
              {(a) => <input {...a} type="number" min={1} max={100} step={1} {...text("breakerFailureRate")} />}
            </Field>
            <Field {...field("breakerMinimumCalls", "Minimum calls", "Calls the window needs before the rate counts.")}>
              {(a) => <input {...a} type="number" min={1} max={10000} step={1} {...text("breakerMinimumCalls")} />}
            </Field>
            <Field {...field("breakerConnectionFailures", "Connection failures", "Connection failures and timeouts in the window that open it on their own.")}>
              {(a) => <input {...a} type="number" min={1} max={1000} step={1} {...text("breakerConnectionFailures")} />}
            </Field>
            <Field {...field("breakerWindowMs", "Window (ms)")}>
              {(a) => <input {...a} type="number" min={100} max={3600000} step={100} {...text("breakerWindowMs")} />}
            </Field>
            <Field {...field("breakerOpenMs", "Open for (ms)", "How long it refuses traffic before letting probes through.")}>
              {(a) => <input {...a} type="number" min={100} max={3600000} step={100} {...text("breakerOpenMs")} />}
            </Field>
            <Field {...field("breakerHalfOpenProbes", "Half-open probes", "Probes let through at once; that many successes close it.")}>
              {(a) => <input {...a} type="number" min={1} max={100} step={1} {...text("breakerHalfOpenProbes")} />}
            </Field>
            <Field {...field("breakerPanicThreshold", "Panic threshold (%)", "5xx answers never leave fewer than this share of instances taking traffic; blank 50, 0 off.")}>
              {(a) => <input {...a} type="number" min={0} max={100} step={1} {...text("breakerPanicThreshold")} />}
            </Field>
          </div>
        </section>

        <section className="form-section">
          <h2>Dependencies</h2>
          {dependencyOptions.length ? (
            <CheckboxGroup
              name="dependencies"
              legend="Depends on"
              options={dependencyOptions}
              checked={state.dependencies}
              onChange={(deps) => set("dependencies", deps)}
              hint="The services this one calls, for people reading the config; a service another one depends on cannot be deleted."
              error={errorOf("dependencies")}
            />
          ) : (
            <p className="muted">There are no other services to depend on.</p>
          )}
          <p className="hint" data-testid="service-retry-note">
            Retries are set per route (attempts, backoff, connect and attempt timeouts, in each route&apos;s form), not per service.
          </p>
        </section>

        <FormFooter readOnly={readOnly} pending={f.pending} submitLabel={submitLabel} formError={errorOf("form")} invalid={f.invalid} cancelHref="/services" />
      </fieldset>
    </form>
  );
}
