// Cache-Status (RFC 9211): what this cache did with a request, appended after what caches nearer
// the origin said. "tta-gateway; hit; ttl=12", "tta-gateway; fwd=stale; fwd-status=304; stored"…
export const CACHE_NAME = "tta-gateway";

export type Forward = "bypass" | "method" | "uri-miss" | "vary-miss" | "miss" | "request" | "stale";

export interface CacheStatus {
  hit?: boolean;
  fwd?: Forward;
  fwdStatus?: number;
  ttl?: number;
  stored?: boolean;
  collapsed?: boolean;
  detail?: string;
}

export function cacheStatus(s: CacheStatus): string {
  let out = CACHE_NAME;
  if (s.hit) out += "; hit";
  if (s.fwd) out += `; fwd=${s.fwd}`;
  if (s.fwdStatus !== undefined) out += `; fwd-status=${s.fwdStatus}`;
  if (s.ttl !== undefined && Number.isFinite(s.ttl)) out += `; ttl=${Math.round(s.ttl)}`;
  if (s.stored) out += "; stored";
  if (s.collapsed) out += "; collapsed";
  if (s.detail) out += `; detail=${/^[A-Za-z][A-Za-z0-9_.:-]*$/.test(s.detail) ? s.detail : JSON.stringify(s.detail)}`;
  return out;
}

/** Ours after the upstream's own (a cache nearer the origin comes first). */
export function appendCacheStatus(existing: string | string[] | number | undefined, ours: string): string {
  if (existing === undefined) return ours;
  const prior = Array.isArray(existing) ? existing.join(", ") : String(existing);
  return prior ? `${prior}, ${ours}` : ours;
}
