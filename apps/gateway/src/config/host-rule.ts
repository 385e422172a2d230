// Route hosts: exact (`api.tta.dev`) or one wildcard label on the left (`*.tta.dev`, which matches
// `a.tta.dev` and `a.b.tta.dev` but not `tta.dev`). The Host header's port is ignored unless the
// route's host names one.
import type { HostRule } from "./compiled.ts";

export function parseHostRule(host: string): HostRule {
  const value = host.toLowerCase();
  const withPort = /:\d+$/.test(value);
  if (value.startsWith("*.")) return { kind: "wildcard", suffix: value.slice(1), withPort };
  return { kind: "exact", host: value, withPort };
}

/** The request's host, lower-cased, once with and once without its port. */
export interface RequestHost {
  full: string;
  name: string;
}

export function requestHost(header: string | undefined): RequestHost {
  let full = (header ?? "").trim().toLowerCase();
  if (full.endsWith(".")) full = full.slice(0, -1);
  let name = full;
  const colon = full.lastIndexOf(":");
  // `[::1]:8080` keeps its brackets; a bare IPv6 literal is not a valid Host header anyway.
  if (colon !== -1 && colon > full.lastIndexOf("]")) name = full.slice(0, colon);
  if (name.endsWith(".")) name = name.slice(0, -1);
  return { full, name };
}

export function matchHost(rule: HostRule, host: RequestHost): boolean {
  const value = rule.withPort ? host.full : host.name;
  if (rule.kind === "exact") return value === rule.host;
  return value.length > rule.suffix.length && value.endsWith(rule.suffix);
}
