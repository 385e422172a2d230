// Display helpers shared by the tables and the diff.
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

export function formatTime(date: Date): string {
  return dateTime.format(date);
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
