// A readable before/after of an audit row: one line per changed leaf ("roles[1]", "after.limit"),
// objects walked key by key, arrays index by index, bounded in depth and length.
export interface DiffRow {
  path: string;
  change: "added" | "removed" | "changed";
  before: unknown;
  after: unknown;
}

const MAX_DEPTH = 8;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const join = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

export function jsonDiff(before: unknown, after: unknown, maxRows = 300): { rows: DiffRow[]; truncated: boolean } {
  const rows: DiffRow[] = [];
  let truncated = false;
  const push = (row: DiffRow) => {
    if (rows.length < maxRows) rows.push(row);
    else truncated = true;
  };
  const walk = (a: unknown, b: unknown, path: string, depth: number) => {
    if (a === undefined && b === undefined) return;
    if (same(a, b)) return;
    if (depth < MAX_DEPTH && isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) walk(a[key], b[key], join(path, key), depth + 1);
      return;
    }
    if (depth < MAX_DEPTH && Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], join(path, i), depth + 1);
      return;
    }
    // A whole side missing: list its leaves one by one, as added or removed.
    if (depth < MAX_DEPTH && (a === undefined || a === null) && (isObject(b) || Array.isArray(b))) return spread(b, path, depth, "added");
    if (depth < MAX_DEPTH && (b === undefined || b === null) && (isObject(a) || Array.isArray(a))) return spread(a, path, depth, "removed");
    push({ path: path || "(value)", change: a === undefined || a === null ? "added" : b === undefined || b === null ? "removed" : "changed", before: a ?? null, after: b ?? null });
  };
  const spread = (v: unknown, path: string, depth: number, change: "added" | "removed") => {
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) push({ path: path || "(value)", change, before: change === "removed" ? v : null, after: change === "added" ? v : null });
    for (const [key, x] of entries) change === "added" ? walk(undefined, x, join(path, key), depth + 1) : walk(x, undefined, join(path, key), depth + 1);
  };
  walk(before, after, "", 0);
  return { rows, truncated };
}
