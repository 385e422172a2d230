// The configuration file (config as code): one YAML document that the console downloads and
// uploads, and that the platform CLI (`npm run config -- export|validate|diff|apply`) will read
// and write. It is a published snapshot without generated ids, under a small header:
//
//   apiVersion: tta.gateway/v1
//   kind: GatewayConfig
//   services: [...]  rateLimitPolicies: [...]  authPolicies: [...]  routes: [...]  safetyRules: ...
//
// Entities are matched by name, never by id. Secrets are never in it: an auth policy's HMAC secret
// is named by `secretRef` (the gateway's environment variable), as in the snapshot itself.

export const CONFIG_FILE_API_VERSION = "tta.gateway/v1";
export const CONFIG_FILE_KIND = "GatewayConfig";

/** Top-level keys in the order they are written. */
export const CONFIG_FILE_KEYS = ["apiVersion", "kind", "services", "rateLimitPolicies", "authPolicies", "routes", "safetyRules"] as const;

/** Far beyond any real configuration; refuses what would only cost memory. */
export const MAX_CONFIG_FILE_CHARS = 2 * 1024 * 1024;

/** The id a route read from a file carries until the working tables give it one (matched by name). */
export const FILE_ROUTE_ID = "from-file";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A field path as a person reads it in a file: ["routes", 3, "path"] -> routes[3].path. */
export function formatFieldPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else {
      const key = String(s);
      if (IDENTIFIER.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** The dotted paths of toFieldErrors ("routes.3.path") in the file's notation. */
export function fieldPathOfDotted(path: string): string {
  return formatFieldPath(pathSegments(path));
}

/** "routes.3.path" -> ["routes", 3, "path"]. */
export function pathSegments(path: string): Array<string | number> {
  return path ? path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [];
}
