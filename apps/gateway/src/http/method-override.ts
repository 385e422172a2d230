// Method-override headers (X-HTTP-Method-Override and kin) let a client send one method to the
// gateway and have an upstream that honours them run another: a way around a route's method
// list. One passes only when it names a method the route accepts, so it cannot widen anything.
import type { IncomingHttpHeaders } from "node:http";

const OVERRIDES = ["x-http-method-override", "x-http-method", "x-method-override"] as const;
const NEVER = new Set(["TRACE", "TRACK", "CONNECT"]);

export function stripMethodOverrides(headers: IncomingHttpHeaders, routeMethods: ReadonlySet<string> | null): void {
  for (const name of OVERRIDES) {
    const value = headers[name];
    if (value === undefined) continue;
    const method = String(value).trim().toUpperCase();
    const accepted = routeMethods ? routeMethods.has(method) : /^[A-Z]{1,16}$/.test(method) && !NEVER.has(method);
    if (!accepted) delete headers[name];
  }
}
