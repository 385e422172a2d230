// What one path pattern of one host rule serves: per method, the first route (lowest rank) that
// takes it, and the methods an Allow header would list. Routes must be added in rank order.
import { HTTP_METHODS } from "@tta/domain";
import type { CompiledRoute } from "./compiled.ts";

/** A route and its place in the compiled precedence order (lower is tried first). */
export interface RankedRoute {
  readonly rank: number;
  readonly route: CompiledRoute;
}

// TRACE/TRACK echo the request back (Cross-Site Tracing): a route without methods never takes them.
const ECHOING = new Set(["TRACE", "TRACK"]);

export class MethodTable {
  private readonly byMethod = new Map<string, RankedRoute>();
  private any: RankedRoute | null = null;
  readonly allow = new Set<string>();

  add(entry: RankedRoute): void {
    const methods = entry.route.methods;
    if (methods === null) {
      this.any ??= entry;
      for (const m of HTTP_METHODS) this.allow.add(m);
      return;
    }
    for (const m of methods) {
      if (!this.byMethod.has(m)) this.byMethod.set(m, entry);
      this.allow.add(m);
    }
  }

  /** The first route here that takes `method`, or null. */
  pick(method: string): RankedRoute | null {
    const listed = this.byMethod.get(method);
    const any = this.any && !ECHOING.has(method) ? this.any : undefined;
    if (!listed) return any ?? null;
    return any && any.rank < listed.rank ? any : listed;
  }
}
