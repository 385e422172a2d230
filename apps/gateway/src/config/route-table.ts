// Finds the route of a request in a compiled config: the first route (in precedence order) whose
// host, path and method match. A path that some route serves, but not with this method, is a 405.
// A route that lists no methods takes every method but TRACE/TRACK, which echo the request back
// (cookies and tokens included: Cross-Site Tracing); no route can list them, so they are a 405.
import { HTTP_METHODS, matchPath, type PathMatch } from "@tta/domain";
import type { CompiledConfig, CompiledRoute } from "./compiled.ts";
import { matchHost, type RequestHost } from "./host-rule.ts";

export type RouteLookup =
  | { kind: "found"; route: CompiledRoute; match: PathMatch }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

const NOT_FOUND: RouteLookup = { kind: "not-found" };
const ECHOING = new Set(["TRACE", "TRACK"]);
const ANY_METHOD: readonly string[] = HTTP_METHODS;

/** `path` must be normalised and without its query. */
export function findRoute(config: CompiledConfig, method: string, host: RequestHost, path: string): RouteLookup {
  let allowed: Set<string> | null = null;
  for (const route of config.routes) {
    if (route.host && !matchHost(route.host, host)) continue;
    const match = matchPath(route.pattern, path);
    if (!match) continue;
    if (route.methods ? route.methods.has(method) : !ECHOING.has(method)) return { kind: "found", route, match };
    allowed ??= new Set();
    for (const m of route.methods ?? ANY_METHOD) allowed.add(m);
  }
  if (!allowed) return NOT_FOUND;
  return { kind: "method-not-allowed", allow: HTTP_METHODS.filter((m) => allowed.has(m)) };
}
