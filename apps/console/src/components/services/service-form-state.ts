// The service form's state (strings, as inputs hold them), its conversions to and from the API's
// service shape, and where each error path shows on the form. Instances are rows; their errors are
// kept per row (instances.<n>.url) so each shows next to its own input.
import { toFieldErrors, ZService, type FieldError, type TService, type TServiceInput } from "@tta/domain/browser";
import { entryMessage, num } from "../policies/form-text";
import { groupFieldErrors } from "../ui/api-errors";

export interface InstanceRowState {
  /** Stable across edits, for React's keys only. */
  key: string;
  url: string;
  weight: string;
}

export interface ServiceFormState {
  name: string;
  environment: TService["environment"];
  version: string;
  therapeuticPriority: TService["therapeuticPriority"];
  loadBalancing: TService["loadBalancing"];
  instances: InstanceRowState[];
  dependencies: string[];
  healthCheckPath: string;
  healthCheckEnabled: boolean;
  healthIntervalMs: string;
  healthTimeoutMs: string;
  healthyThreshold: string;
  unhealthyThreshold: string;
  breakerFailureRate: string;
  breakerMinimumCalls: string;
  breakerConnectionFailures: string;
  breakerWindowMs: string;
  breakerOpenMs: string;
  breakerHalfOpenProbes: string;
  breakerPanicThreshold: string;
  /** TLS to https:// instances: file references (absolute path or env:NAME), never key material. */
  tlsCaFile: string;
  tlsCertFile: string;
  tlsKeyFile: string;
  tlsServerName: string;
  tlsVerify: boolean;
}

export type ServiceField = keyof ServiceFormState;
export type ServiceErrors = Partial<Record<ServiceField | "form", string>>;

let rowCounter = 0;
export const instanceRow = (url = "", weight = "1"): InstanceRowState => ({ key: `row-${++rowCounter}`, url, weight });

export function emptyService(): ServiceFormState {
  return {
    name: "",
    environment: "dev",
    version: "1.0.0",
    therapeuticPriority: "standard",
    loadBalancing: "round_robin",
    instances: [instanceRow()],
    dependencies: [],
    healthCheckPath: "/health",
    healthCheckEnabled: true,
    healthIntervalMs: "2000",
    healthTimeoutMs: "1000",
    healthyThreshold: "2",
    unhealthyThreshold: "2",
    breakerFailureRate: "",
    breakerMinimumCalls: "",
    breakerConnectionFailures: "",
    breakerWindowMs: "",
    breakerOpenMs: "",
    breakerHalfOpenProbes: "2",
    breakerPanicThreshold: "",
    tlsCaFile: "",
    tlsCertFile: "",
    tlsKeyFile: "",
    tlsServerName: "",
    tlsVerify: true,
  };
}

const str = (n: number | undefined) => (n === undefined ? "" : String(n));

export function toServiceFormState(s: TService): ServiceFormState {
  const cb = s.circuitBreaker;
  return {
    name: s.name,
    environment: s.environment,
    version: s.version,
    therapeuticPriority: s.therapeuticPriority,
    loadBalancing: s.loadBalancing,
    instances: s.instances.map((i) => instanceRow(i.url, String(i.weight))),
    dependencies: s.dependencies,
    healthCheckPath: s.healthCheckPath,
    healthCheckEnabled: s.healthCheck.enabled,
    healthIntervalMs: String(s.healthCheck.intervalMs),
    healthTimeoutMs: String(s.healthCheck.timeoutMs),
    healthyThreshold: String(s.healthCheck.healthyThreshold),
    unhealthyThreshold: String(s.healthCheck.unhealthyThreshold),
    breakerFailureRate: str(cb.failureRateThreshold),
    breakerMinimumCalls: str(cb.minimumCalls),
    // A revision from before connectionFailureThreshold named it failureThreshold; saving renames it.
    breakerConnectionFailures: str(cb.connectionFailureThreshold ?? cb.failureThreshold),
    breakerWindowMs: str(cb.windowMs),
    breakerOpenMs: str(cb.openMs),
    breakerHalfOpenProbes: String(cb.halfOpenProbes),
    breakerPanicThreshold: str(cb.panicThreshold),
    tlsCaFile: s.tls?.caFile ?? "",
    tlsCertFile: s.tls?.certFile ?? "",
    tlsKeyFile: s.tls?.keyFile ?? "",
    tlsServerName: s.tls?.serverName ?? "",
    tlsVerify: s.tls?.rejectUnauthorized ?? true,
  };
}

/** Drops unset fields, so a blank breaker field is absent (follows the priority), not `undefined`. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const blank = (v: string) => (v.trim() === "" ? undefined : v);

/** No TLS fields set: no tls at all (the shared agent, public roots). */
function tlsInput(s: ServiceFormState): TServiceInput["tls"] {
  const tls = defined({
    caFile: blank(s.tlsCaFile),
    certFile: blank(s.tlsCertFile),
    keyFile: blank(s.tlsKeyFile),
    serverName: blank(s.tlsServerName),
    rejectUnauthorized: s.tlsVerify ? undefined : false,
  });
  return Object.keys(tls).length ? tls : undefined;
}

export function toServiceInput(s: ServiceFormState): TServiceInput {
  const tls = tlsInput(s);
  return {
    name: s.name,
    environment: s.environment,
    version: s.version,
    therapeuticPriority: s.therapeuticPriority,
    loadBalancing: s.loadBalancing,
    instances: s.instances.map((i) => ({ url: i.url, weight: num(i.weight) })),
    dependencies: s.dependencies,
    healthCheckPath: s.healthCheckPath,
    healthCheck: defined({
      enabled: s.healthCheckEnabled,
      intervalMs: num(s.healthIntervalMs),
      timeoutMs: num(s.healthTimeoutMs),
      healthyThreshold: num(s.healthyThreshold),
      unhealthyThreshold: num(s.unhealthyThreshold),
    }),
    circuitBreaker: defined({
      failureRateThreshold: num(s.breakerFailureRate),
      minimumCalls: num(s.breakerMinimumCalls),
      connectionFailureThreshold: num(s.breakerConnectionFailures),
      windowMs: num(s.breakerWindowMs),
      openMs: num(s.breakerOpenMs),
      halfOpenProbes: num(s.breakerHalfOpenProbes),
      panicThreshold: num(s.breakerPanicThreshold),
    }),
    ...(tls ? { tls } : {}),
  };
}

const NESTED: Record<string, Record<string, ServiceField>> = {
  healthCheck: { enabled: "healthCheckEnabled", intervalMs: "healthIntervalMs", timeoutMs: "healthTimeoutMs", healthyThreshold: "healthyThreshold", unhealthyThreshold: "unhealthyThreshold" },
  circuitBreaker: {
    failureRateThreshold: "breakerFailureRate",
    minimumCalls: "breakerMinimumCalls",
    connectionFailureThreshold: "breakerConnectionFailures",
    failureThreshold: "breakerConnectionFailures",
    windowMs: "breakerWindowMs",
    openMs: "breakerOpenMs",
    halfOpenProbes: "breakerHalfOpenProbes",
    panicThreshold: "breakerPanicThreshold",
  },
  tls: { caFile: "tlsCaFile", certFile: "tlsCertFile", keyFile: "tlsKeyFile", serverName: "tlsServerName", rejectUnauthorized: "tlsVerify" },
};

const TOP: readonly ServiceField[] = ["name", "environment", "version", "therapeuticPriority", "loadBalancing", "instances", "dependencies", "healthCheckPath"];

/** "healthCheck.intervalMs" -> healthIntervalMs, "instances.2.url" -> instances, unknown -> form. */
export function serviceFieldOf(path: string): ServiceField | "form" {
  const [head = "", sub = ""] = path.split(".");
  if (head in NESTED) return NESTED[head]![sub] ?? "form";
  return (TOP as readonly string[]).includes(head) ? (head as ServiceField) : "form";
}

export function serviceErrors(errors: FieldError[], s: ServiceFormState): ServiceErrors {
  const named = errors.map((e) => (serviceFieldOf(e.path) === "dependencies" ? { ...e, message: entryMessage(s.dependencies, e.path, e.message) } : e));
  return groupFieldErrors(named, serviceFieldOf);
}

/** The instance list's own error ("needs at least one") and each row's, from the same field errors. */
export interface InstanceErrors {
  list?: string;
  rows: Record<number, { url?: string; weight?: string }>;
}

export function instanceErrors(errors: FieldError[]): InstanceErrors {
  const out: InstanceErrors = { rows: {} };
  for (const e of errors) {
    const [head, index, field] = e.path.split(".");
    if (head !== "instances") continue;
    const row = Number(index);
    if (index === undefined || !Number.isInteger(row) || (field !== "url" && field !== "weight")) {
      out.list = out.list ? `${out.list}; ${e.message}` : e.message;
      continue;
    }
    const cell = (out.rows[row] ??= {});
    cell[field] = cell[field] ? `${cell[field]}; ${e.message}` : e.message;
  }
  return out;
}

/** The checks the server runs first (less the ones against other services), for feedback without a request. */
export function localServiceFieldErrors(s: ServiceFormState): FieldError[] {
  const parsed = ZService.safeParse(toServiceInput(s));
  const errors = parsed.success ? [] : toFieldErrors(parsed.error);
  const seen = new Set<string>();
  s.instances.forEach((row, i) => {
    const url = row.url.trim().replace(/\/+$/, "");
    if (url && seen.has(url)) errors.push({ path: `instances.${i}.url`, message: "this URL is listed twice" });
    seen.add(url);
  });
  return errors;
}

export function validateServiceLocally(s: ServiceFormState): ServiceErrors {
  return serviceErrors(localServiceFieldErrors(s), s);
}
