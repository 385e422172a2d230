// The Aggregation section's part of the route form: an aggregation route's parts as inputs hold
// them (a fallback as JSON text), their conversion to and from ZAggregatePolicy, where their error
// paths land ("aggregate.parts.1.path" -> the second part's Path field), and the routes table's
// summary. Empty number fields take the schema's defaults.
import { AGGREGATE_METHODS, type TAggregatePartInput, type TRoute, type TRouteInput, type TRouteKind } from "@tta/domain/browser";

export type PartMethod = (typeof AGGREGATE_METHODS)[number];

export interface PartFormState {
  key: string;
  service: string;
  method: PartMethod;
  path: string;
  timeoutMs: string;
  required: boolean;
  /** JSON text; empty = no fallback. */
  fallback: string;
}

export type PartField = keyof PartFormState;
/** A part's field in the form's error and touch maps: "aggregateParts.<index>.<field>". */
export type PartFieldKey = `aggregateParts.${number}.${PartField}`;

export interface AggregateFormFields {
  kind: TRouteKind;
  aggregateParts: PartFormState[];
}

export const EMPTY_PART: PartFormState = { key: "", service: "", method: "GET", path: "", timeoutMs: "5000", required: true, fallback: "" };

export const EMPTY_AGGREGATE: AggregateFormFields = { kind: "proxy", aggregateParts: [] };

export const partField = (index: number, field: PartField): PartFieldKey => `aggregateParts.${index}.${field}`;

export function aggregateFormState(route: Pick<TRoute, "kind" | "aggregate">): AggregateFormFields {
  return {
    kind: route.kind,
    aggregateParts: (route.aggregate?.parts ?? []).map((p) => ({
      key: p.key,
      service: p.service,
      method: p.method,
      path: p.path,
      timeoutMs: String(p.timeoutMs),
      required: p.required,
      fallback: p.fallback === null ? "" : JSON.stringify(p.fallback, null, 2),
    })),
  };
}

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

/** The fallback's JSON, or why it is not JSON (the text goes to the schema as it is, to be refused). */
export function parseFallback(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `is not valid JSON (${(error as Error).message})` };
  }
}

function partInput(p: PartFormState): TAggregatePartInput {
  const fallback = parseFallback(p.fallback);
  return {
    key: p.key,
    service: p.service,
    method: p.method,
    path: p.path,
    timeoutMs: num(p.timeoutMs),
    required: p.required,
    // An optional part has no fallback: the field is hidden, and what it held is not sent.
    fallback: !p.required ? null : ((fallback.ok ? fallback.value : p.fallback) as TAggregatePartInput["fallback"]),
  };
}

/** A proxy route sends no parts (switching back to proxy clears them). */
export function aggregateInput(s: AggregateFormFields): TRouteInput["aggregate"] {
  return s.kind === "aggregate" ? { parts: s.aggregateParts.map(partInput) } : null;
}

const PART_FIELDS: ReadonlySet<string> = new Set(Object.keys(EMPTY_PART));

/** "aggregate.parts.2.service" -> "aggregateParts.2.service"; "aggregate" and "aggregate.parts" -> the list; null outside. */
export function aggregateFieldOf(path: string): PartFieldKey | "aggregateParts" | null {
  const [head, parts, index, field] = path.split(".");
  if (head !== "aggregate") return null;
  if (parts !== "parts" || index === undefined || !/^\d+$/.test(index)) return "aggregateParts";
  return field && PART_FIELDS.has(field) ? partField(Number(index), field as PartField) : "aggregateParts";
}

/** Fallback texts that are not JSON, each with its own message (the schema would only say "not an object"). */
export function fallbackErrors(s: AggregateFormFields): Array<[PartFieldKey, string]> {
  if (s.kind !== "aggregate") return [];
  return s.aggregateParts.flatMap((p, i): Array<[PartFieldKey, string]> => {
    const parsed = p.required ? parseFallback(p.fallback) : null;
    return parsed && !parsed.ok ? [[partField(i, "fallback"), parsed.message]] : [];
  });
}

/** The routes table's Kind column: "proxy", or "aggregate" with its parts' count. */
export function kindSummary(route: Pick<TRoute, "kind" | "aggregate">): { kind: TRouteKind; parts: number } {
  return { kind: route.kind, parts: route.aggregate?.parts.length ?? 0 };
}
