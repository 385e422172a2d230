// The route index of a revision, built once with the route table: one path trie per host rule
// (exact hosts and wildcard suffixes in maps, with and without a port, plus one for no host).
// A request reaches the tries its host can match (one per dot of a wildcard candidate), collects the
// matching slots and keeps the route of lowest rank in the compiled order: the precedence is the
// sort in compile.ts (`compareRoutes`), not a second copy of it, so it cannot drift.
import { HTTP_METHODS, type PathMatch, type PathPattern } from "@tta/domain";
import type { CompiledRoute, HostRule } from "./compiled.ts";
import type { RequestHost } from "./host-rule.ts";
import { MethodTable, type RankedRoute } from "./method-table.ts";
import { insertPattern, searchTrie, splitPath, trieNode, type TrieNode, type TrieVisitor } from "./path-trie.ts";

export type RouteLookup =
  | { kind: "found"; route: CompiledRoute; match: PathMatch }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

type Trie = TrieNode<MethodTable>;

interface HostTries {
  readonly exact: Map<string, Trie>;
  readonly wildcard: Map<string, Trie>; // by suffix, ".tta.dev"
}

export interface Router {
  /** `path` must be normalised and without its query. */
  find(method: string, host: RequestHost, path: string): RouteLookup;
}

const NOT_FOUND: RouteLookup = { kind: "not-found" };

function trieFor(byHost: HostTries, host: HostRule): Trie {
  const map = host.kind === "exact" ? byHost.exact : byHost.wildcard;
  const key = host.kind === "exact" ? host.host : host.suffix;
  let trie = map.get(key);
  if (!trie) map.set(key, (trie = trieNode()));
  return trie;
}

/** Collects, over several tries, the best route for one method and the Allow set of all matches. */
class Search implements TrieVisitor<MethodTable> {
  best: RankedRoute | null = null;
  bestFixed = 0;
  allow: Set<string> | null = null;
  constructor(private readonly method: string) {}

  bound(): number {
    return this.best ? this.best.rank : Infinity;
  }

  visit(table: MethodTable, fixed: number): void {
    const picked = table.pick(this.method);
    if (picked) {
      if (!this.best || picked.rank < this.best.rank) {
        this.best = picked;
        this.bestFixed = fixed;
      }
    } else if (!this.best) {
      this.allow ??= new Set();
      for (const m of table.allow) this.allow.add(m);
    }
  }
}

/** What `matchPath` returns for a pattern that matched `path` (split into `parts`). */
function capture(pattern: PathPattern, path: string, parts: readonly string[], fixed: number): PathMatch {
  const params: Record<string, string> = {};
  if (pattern.paramNames.length > 0) {
    const segs = pattern.segments;
    for (let i = 0; i < fixed; i++) {
      const seg = segs[i]!;
      if (seg.kind === "param") params[seg.name] = parts[i]!;
    }
  }
  return { params, rest: pattern.hasWildcard ? rest(path, parts, fixed) : "" };
}

/** `parts.slice(fixed).join("/")`, cut from the path instead of joined again. */
function rest(path: string, parts: readonly string[], fixed: number): string {
  if (fixed >= parts.length) return "";
  let start = path.indexOf("/") + 1; // splitPath drops what comes before the first slash
  for (let i = 0; i < fixed; i++) start += parts[i]!.length + 1;
  return path.slice(start, path.endsWith("/") ? path.length - 1 : path.length);
}

// Wildcard rules match `value` when it ends with their suffix (which starts with a dot) and has more
// before it: so exactly the suffixes starting at a dot past the first character.
function searchWildcards(tries: Map<string, Trie>, value: string, parts: string[], search: Search): void {
  if (tries.size === 0) return;
  for (let i = value.indexOf(".", 1); i !== -1; i = value.indexOf(".", i + 1)) {
    const trie = tries.get(value.slice(i));
    if (trie) searchTrie(trie, parts, 0, search);
  }
}

/** `routes` in precedence order (compile.ts sorts them); a route's rank is its index. */
export function compileRouter(routes: readonly CompiledRoute[]): Router {
  const portless: HostTries = { exact: new Map(), wildcard: new Map() };
  const withPort: HostTries = { exact: new Map(), wildcard: new Map() };
  const anyHost: Trie = trieNode();
  routes.forEach((route, rank) => {
    const trie = route.host ? trieFor(route.host.withPort ? withPort : portless, route.host) : anyHost;
    insertPattern(trie, route.pattern, rank, () => new MethodTable()).add({ rank, route });
  });

  return {
    find(method, host, path) {
      const parts = splitPath(path);
      const search = new Search(method);
      // Most specific host first, so that its winner lets the search skip the rest of the tries.
      const exact = portless.exact.get(host.name);
      if (exact) searchTrie(exact, parts, 0, search);
      const exactPort = withPort.exact.get(host.full);
      if (exactPort) searchTrie(exactPort, parts, 0, search);
      searchWildcards(portless.wildcard, host.name, parts, search);
      searchWildcards(withPort.wildcard, host.full, parts, search);
      searchTrie(anyHost, parts, 0, search);
      const best = search.best;
      if (best) return { kind: "found", route: best.route, match: capture(best.route.pattern, path, parts, search.bestFixed) };
      const allow = search.allow;
      if (!allow) return NOT_FOUND;
      return { kind: "method-not-allowed", allow: HTTP_METHODS.filter((m) => allow.has(m)) };
    },
  };
}
