// Request aggregation (the design's aggregate_responses): a route of kind "aggregate" answers itself
// by calling several upstream requests in parallel and merging their JSON answers under named keys.
// Browser-safe (the console's route form). Which services the parts name is checked where the other
// cross-references are (the snapshot, the route editor), not here.
import { z } from "zod";
import { checkRewrite, compileRewrite, parsePattern, type PathMatch, type PathPattern } from "./path-pattern.ts";

export const ROUTE_KINDS = ["proxy", "aggregate"] as const;
/** "proxy": the request goes to the route's service; "aggregate": the gateway answers from the route's parts. */
export const ZRouteKind = z.enum(ROUTE_KINDS);
export type TRouteKind = z.infer<typeof ZRouteKind>;

export const AGGREGATE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const MAX_AGGREGATE_PARTS = 16;
export const MAX_FALLBACK_BYTES = 16_384;
/** The key of the merged answer that says whether it is complete; no part may take it. */
export const AGGREGATE_META_KEY = "_aggregate";

const ZPartKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "a JSON key: a letter, then letters, digits or _ (at most 63), e.g. player or crisisResources");

const ZServiceName = z
  .string()
  .trim()
  .min(1, "choose the service this part calls")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, "a service name");

const QUERY = /^(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*$/;

const ZPartPath = z
  .string()
  .trim()
  .min(1, "is required")
  .max(512, "must be at most 512 characters")
  .superRefine((value, ctx) => {
    const problem = pathShape(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** What is wrong with a part's path on its own (not knowing the route's path), or null. */
function pathShape(value: string): string | null {
  if (!value.startsWith("/")) return "must start with /";
  if (value.includes("#")) return "must not have a fragment (#)";
  const q = value.indexOf("?");
  if (q >= 0 && !QUERY.test(value.slice(q + 1))) return "the query has characters that are not allowed (percent-encode them)";
  return null;
}

/** A static JSON object or list that stands in for a required part whose service failed. */
const ZFallback = z
  .json()
  .refine((v) => v !== null && typeof v === "object", "must be a JSON object or list, e.g. the crisis resources to show")
  .refine((v) => JSON.stringify(v).length <= MAX_FALLBACK_BYTES, `must be at most ${MAX_FALLBACK_BYTES} characters of JSON`);

export const ZAggregatePart = z.object({
  /** Where the part's answer goes in the merged one. */
  key: ZPartKey,
  service: ZServiceName,
  method: z.enum(AGGREGATE_METHODS).default("GET"),
  /** Path and optional query for the service; may reuse the route path's :params and * (like a rewrite), and a :param as a query value. */
  path: ZPartPath,
  /** All the part's attempts (and its answer's body) within this; at most the route's timeoutMs. */
  timeoutMs: z.number().int("whole milliseconds").min(50, "at least 50 ms").max(300_000, "at most 300 000 ms").default(5_000),
  /** A required part that fails (with no fallback) fails the whole request (502); an optional one is left out. */
  required: z.boolean().default(true),
  /** Required parts only: used in place of the part's answer when its service fails; null = none. */
  fallback: ZFallback.nullable().default(null),
});
export type TAggregatePart = z.infer<typeof ZAggregatePart>;
export type TAggregatePartInput = z.input<typeof ZAggregatePart>;

export const ZAggregatePolicy = z.object({
  parts: z.array(ZAggregatePart).min(1, "an aggregation route needs at least one part").max(MAX_AGGREGATE_PARTS, `at most ${MAX_AGGREGATE_PARTS} parts`),
});
export type TAggregatePolicy = z.infer<typeof ZAggregatePolicy>;
export type TAggregatePolicyInput = z.input<typeof ZAggregatePolicy>;

export const routeAggregateFields = {
  kind: ZRouteKind.default("proxy"),
  /** The parts of an aggregate route; null on a proxy route. */
  aggregate: ZAggregatePolicy.nullable().default(null),
};

interface AggregateRouteShape {
  kind: TRouteKind;
  aggregate: TAggregatePolicy | null;
  path: string;
  rewrite: string | null;
  timeoutMs: number;
  websocket: boolean;
  cachePolicy: { enabled: boolean } | null;
}

/** The checks that need the whole route: its kind, its path's captures, its timeout. */
export function refineAggregateRoute(route: AggregateRouteShape, ctx: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: "custom", path, message });
  if (route.kind === "proxy") {
    if (route.aggregate) issue(["aggregate"], 'only an aggregation route has parts: choose the kind "aggregate" or remove them');
    return;
  }
  if (!route.aggregate) return issue(["aggregate"], "an aggregation route needs at least one part");
  if (route.websocket) issue(["websocket"], "an aggregation route answers itself: it cannot take WebSocket upgrades");
  if (route.rewrite) issue(["rewrite"], "an aggregation route has no rewrite: each part names its own path");
  if (route.cachePolicy?.enabled) issue(["cachePolicy"], "aggregated answers are not cached: turn caching off on this route");
  const parsed = parsePattern(route.path);
  const seen = new Set<string>();
  route.aggregate.parts.forEach((part, j) => {
    const at = (field: string) => ["aggregate", "parts", j, field];
    if (seen.has(part.key)) issue(at("key"), `another part already has the key "${part.key}"`);
    seen.add(part.key);
    if (part.timeoutMs > route.timeoutMs) issue(at("timeoutMs"), `must be at most the route's timeout (${route.timeoutMs} ms)`);
    if (part.fallback !== null && !part.required) issue(at("fallback"), "only a required part has a fallback: an optional part that fails is left out");
    if (parsed.ok && !pathShape(part.path)) {
      const problem = checkPartPath(parsed.pattern, part.path);
      if (problem) issue(at("path"), problem);
    }
  });
}

const QUERY_PARAM = /^:([A-Za-z_][A-Za-z0-9_]{0,63})$/;

function splitPartPath(template: string): { path: string; query: string[] } {
  const q = template.indexOf("?");
  if (q < 0) return { path: template, query: [] };
  return { path: template.slice(0, q), query: template.slice(q + 1).split("&") };
}

/**
 * A part's path against the route path it builds on: its path segments reuse :params and * as a
 * rewrite does; a query value may be a whole :param too (`/sessions?player=:id`). null = fine.
 */
export function checkPartPath(pattern: PathPattern, template: string): string | null {
  const { path, query } = splitPartPath(template);
  const problem = checkRewrite(pattern, path);
  if (problem) return problem;
  for (const pair of query) {
    const param = QUERY_PARAM.exec(pair.slice(pair.indexOf("=") + 1));
    if (param && !pattern.paramNames.includes(param[1]!)) return `uses :${param[1]} which the path does not capture`;
  }
  return null;
}

/**
 * Compiles a part's path once: per request it is a join of literals and captures. A capture put in
 * a query value is re-encoded for a query (a path segment may hold & or =, which a query may not).
 */
export function compilePartPath(template: string): (match: PathMatch) => string {
  const { path, query } = splitPartPath(template);
  const rewrite = compileRewrite(path);
  if (query.length === 0) return rewrite;
  const pairs = query.map((pair) => {
    const eq = pair.indexOf("=");
    const param = QUERY_PARAM.exec(pair.slice(eq + 1));
    if (!param) return () => pair;
    const name = pair.slice(0, eq + 1);
    const key = param[1]!;
    return (m: PathMatch) => name + encodeURIComponent(decodeSegment(m.params[key] ?? ""));
  });
  return (m) => `${rewrite(m)}?${pairs.map((p) => p(m)).join("&")}`;
}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray % stays as it came (encoded again below)
  }
}
