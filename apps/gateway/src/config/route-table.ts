// Finds the route of a request in a compiled config: the first route (in precedence order) whose
// host, path and method match. A path that some route serves, but not with this method, is a 405.
// A route that lists no methods takes every method but TRACE/TRACK, which echo the request back
// (cookies and tokens included: Cross-Site Tracing); no route can list them, so they are a 405.
// The work is the revision's router (router.ts), a trie compiled with the route table.
import type { CompiledConfig } from "./compiled.ts";
import type { RequestHost } from "./host-rule.ts";
import type { RouteLookup } from "./router.ts";

export type { RouteLookup } from "./router.ts";

/** `path` must be normalised and without its query. */
export function findRoute(config: CompiledConfig, method: string, host: RequestHost, path: string): RouteLookup {
  return config.router.find(method, host, path);
}
