// The primary cache key of a request (RFC 9111 §2: the method and target URI, here with the route,
// the route policy's chosen query parameters and headers, and the user on a per-user route) and
// the URI key that invalidation after an unsafe method removes, whatever the partition or variant.
import type { IncomingHttpHeaders } from "node:http";
import type { CompiledCachePolicy } from "../config/compiled.ts";

/** The path and the query the policy keeps: all of it as sent, or the chosen parameters in name order. */
export function keyedUri(url: string, policy: CompiledCachePolicy): string {
  const q = url.indexOf("?");
  if (q < 0 || policy.keyQuery === null) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = policy.keyQuery.flatMap((name) => params.getAll(name).map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`));
  return kept.length ? `${url.slice(0, q)}?${kept.join("&")}` : url.slice(0, q);
}

/**
 * What invalidation of a URI removes: a tag every stored variant carries, of its host and path
 * whatever the route, partition, variant or query (invalidating more than asked is safe, RFC 9111
 * §4.4; a Location names a URI, not a route).
 */
export function uriTag(host: string, uri: string): string {
  const q = uri.indexOf("?");
  return `uri:${host.toLowerCase()}${q < 0 ? uri : uri.slice(0, q)}`;
}

export interface KeyInput {
  route: string;
  host: string;
  uri: string;
  headers: IncomingHttpHeaders;
  /** The user on a per-user route ("" for an anonymous request there); null on a shared route. */
  user: string | null;
  policy: CompiledCachePolicy;
}

export function primaryKey(k: KeyInput): string {
  const parts = [k.route, k.host.toLowerCase(), k.uri];
  for (const name of k.policy.keyHeaders) {
    const value = k.headers[name];
    parts.push(`${name}=${Array.isArray(value) ? value.join(",") : (value ?? "")}`);
  }
  if (k.user !== null) parts.push(`user=${k.user}`);
  return parts.join("\n");
}
