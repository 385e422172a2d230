// An aggregation route's parts, compiled once per revision: each part's service, and its path as a
// function of the request's captures (the route path's :params and *, like a rewrite; a :param as
// a query value), so that per request a part's path is a join.
import { compilePartPath, type TSnapshotRoute } from "@tta/domain";
import { CompileError } from "./compile-error.ts";
import type { CompiledAggregate, CompiledService } from "./compiled.ts";

/** Methods whose part gets the client's request body. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function compileAggregate(route: TSnapshotRoute, services: ReadonlyMap<string, CompiledService>): CompiledAggregate {
  if (!route.aggregate) throw new CompileError(`route ${route.name}: an aggregate route without parts`);
  const parts = route.aggregate.parts.map((p) => {
    const service = services.get(p.service);
    if (!service) throw new CompileError(`route ${route.name}: part ${p.key} names unknown service ${p.service}`);
    return Object.freeze({
      key: p.key,
      service,
      method: p.method,
      path: compilePartPath(p.path),
      timeoutMs: p.timeoutMs,
      required: p.required,
      fallback: p.fallback === null ? null : Object.freeze(structuredClone(p.fallback)),
    });
  });
  return Object.freeze({ parts: Object.freeze(parts), sendsBody: parts.some((p) => BODY_METHODS.has(p.method)) });
}
