// The route lookup as it was before the trie (a scan over the routes in precedence order), kept
// only as the reference that the router's differential test compares against.
import { HTTP_METHODS, matchPath } from "@tta/domain";
import type { CompiledConfig } from "../config/compiled.ts";
import { matchHost, type RequestHost } from "../config/host-rule.ts";
import type { RouteLookup } from "../config/router.ts";

const NOT_FOUND: RouteLookup = { kind: "not-found" };
const ECHOING = new Set(["TRACE", "TRACK"]);
const ANY_METHOD: readonly string[] = HTTP_METHODS;

export function linearFindRoute(config: CompiledConfig, method: string, host: RequestHost, path: string): RouteLookup {
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
