// The design's shared config file (config/tta_config.yaml) -> a GatewayConfig file. Only its
// `gateway:` section concerns the gateway; within it, services, rate limits, auth policies and
// routes map field by field (snake_case -> the file's names). Everything else is reported as not
// mapped, never dropped silently. A secret value is never carried over: an auth policy names the
// environment variable holding it (secret_ref).
import { CONFIG_FILE_API_VERSION, CONFIG_FILE_KIND } from "@tta/domain";

export interface MappedConfig {
  /** A GatewayConfig document, to be checked like any file. */
  document: Record<string, unknown>;
  /** Paths in the source file that were not mapped, with why. */
  notMapped: Array<{ path: string; reason: string }>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

const SERVICE_FIELDS: Record<string, string> = {
  environment: "environment", version: "version", therapeutic_priority: "therapeuticPriority", health_check: "healthCheckPath",
  health_check_path: "healthCheckPath", dependencies: "dependencies", load_balancing: "loadBalancing",
};
const RATE_LIMIT_FIELDS: Record<string, string> = {
  scope: "scope", requests: "limit", limit: "limit", window_seconds: "windowSeconds", burst: "burst",
  therapeutic_multiplier: "therapeuticMultiplier", crisis_bypass: "crisisBypass", fail_mode: "failMode",
};
const AUTH_FIELDS: Record<string, string> = {
  issuer: "issuer", audiences: "audiences", algorithms: "algorithms", jwks_url: "jwksUrl", secret_ref: "secretRef",
  clock_skew_seconds: "clockSkewSeconds", roles_claim: "rolesClaim", permissions_claim: "permissionsClaim",
};
const ROUTE_FIELDS: Record<string, string> = {
  name: "name", path: "path", methods: "methods", host: "host", rewrite: "rewrite", service: "service", timeout_ms: "timeoutMs",
  auth: "auth", required_roles: "requiredRoles", auth_policy: "authPolicy", rate_limit: "rateLimitPolicy", safety_scan: "safetyScan",
  crisis_response: "crisisResponse", blocked_categories: "blockedCategories", forbid_pii: "forbidPii", mask_pii: "maskResponsePii",
  websocket: "websocket", priority: "priority", enabled: "enabled",
};
const SECRET_KEY = /secret$|password|token$|api_key/;

export function mapTtaConfig(source: unknown): MappedConfig {
  const notMapped: MappedConfig["notMapped"] = [];
  const document: Obj = { apiVersion: CONFIG_FILE_API_VERSION, kind: CONFIG_FILE_KIND, services: [], rateLimitPolicies: [], authPolicies: [], routes: [] };
  if (!isObj(source) || !isObj(source.gateway)) return { document, notMapped: [{ path: "gateway", reason: "the file has no gateway: section" }] };
  for (const key of Object.keys(source)) if (key !== "gateway") notMapped.push({ path: key, reason: "not the gateway's section" });

  const fields = (from: Obj, map: Record<string, string>, path: string, skip: string[] = []): Obj => {
    const out: Obj = {};
    for (const [k, v] of Object.entries(from)) {
      if (skip.includes(k)) continue;
      if (SECRET_KEY.test(k) && k !== "secret_ref") notMapped.push({ path: `${path}.${k}`, reason: "a secret value is never imported: name its environment variable with secret_ref" });
      else if (map[k]) out[map[k]] = v;
      else notMapped.push({ path: `${path}.${k}`, reason: "no such setting in the gateway's configuration" });
    }
    return out;
  };
  const named = (section: string, map: Record<string, string>, target: string, extra?: (v: Obj, out: Obj, path: string) => void) => {
    const entries = (source.gateway as Obj)[section];
    if (entries === undefined) return;
    if (!isObj(entries)) return void notMapped.push({ path: `gateway.${section}`, reason: "expected a mapping of name -> settings" });
    for (const [name, v] of Object.entries(entries)) {
      const path = `gateway.${section}.${name}`;
      if (!isObj(v)) { notMapped.push({ path, reason: "expected a mapping of settings" }); continue; }
      const out: Obj = { name, ...fields(v, map, path, extra ? ["url", "urls"] : []) };
      extra?.(v, out, path);
      (document[target] as Obj[]).push(out);
    }
  };

  named("services", SERVICE_FIELDS, "services", (v, out, path) => {
    const urls = v.urls ?? (v.url === undefined ? undefined : [v.url]);
    if (Array.isArray(urls)) out.instances = urls.map((url) => ({ url }));
    else notMapped.push({ path, reason: "a service needs url or urls" });
  });
  named("rate_limits", RATE_LIMIT_FIELDS, "rateLimitPolicies");
  named("auth_policies", AUTH_FIELDS, "authPolicies");

  const routes = source.gateway.routes;
  if (Array.isArray(routes)) {
    routes.forEach((r, i) => {
      if (isObj(r)) (document.routes as Obj[]).push(fields(r, ROUTE_FIELDS, `gateway.routes[${i}]`));
      else notMapped.push({ path: `gateway.routes[${i}]`, reason: "expected a mapping of settings" });
    });
  } else if (routes !== undefined) notMapped.push({ path: "gateway.routes", reason: "expected a list of routes" });

  for (const key of Object.keys(source.gateway)) {
    if (!["services", "rate_limits", "auth_policies", "routes"].includes(key)) notMapped.push({ path: `gateway.${key}`, reason: "a process setting (environment variables), not published configuration" });
  }
  return { document, notMapped };
}
