// Display helpers shared by the tables and the diff.
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * "2026-12-02 15:04:05" in the reader's time zone: year first and 24-hour everywhere in the
 * console, whatever the browser's locale, and exactly what the audit log's date filter accepts.
 */
export function formatTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** One config value in words: empty lists and nulls read as "none", objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    return value.map((v) => (typeof v === "object" && v !== null ? formatObject(v as Record<string, unknown>) : String(v))).join(", ");
  }
  if (typeof value === "object") return formatObject(value as Record<string, unknown>);
  return String(value);
}

function formatObject(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(", ");
}
