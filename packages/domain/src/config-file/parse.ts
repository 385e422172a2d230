// Configuration file -> snapshot: YAML syntax first (line and column), then the header, then the
// snapshot schema with its cross-checks, then fields nobody reads. Paths are the file's own
// (routes[3].path), each with the line it is on. The safety rule set inside is checked by the
// caller (@tta/safety, which this package cannot import), with `locate` for its lines.
import { LineCounter, parseDocument, type Document } from "yaml";
import type { FieldError } from "../errors.ts";
import { ZSnapshot, type TSnapshot } from "../schemas.ts";
import { CONFIG_FILE_API_VERSION, CONFIG_FILE_KEYS, CONFIG_FILE_KIND, FILE_ROUTE_ID, formatFieldPath, MAX_CONFIG_FILE_CHARS } from "./format.ts";
import { UNKNOWN_FIELD_MESSAGE, unknownFields, type PathSegments } from "./unknown-fields.ts";

export type ConfigFileParse =
  | { ok: true; snapshot: TSnapshot; locate: (segments: ReadonlyArray<string | number>) => number | null }
  | { ok: false; errors: FieldError[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The line of the deepest node of the document on `segments` (its parent's when absent). */
function locator(doc: Document, lines: LineCounter) {
  return (segments: ReadonlyArray<string | number>): number | null => {
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return lines.linePos(node.range[0]).line;
    }
    return null;
  };
}

export function parseConfigFile(text: string): ConfigFileParse {
  if (text.length > MAX_CONFIG_FILE_CHARS) {
    return { ok: false, errors: [{ path: "", message: `the file is longer than ${MAX_CONFIG_FILE_CHARS} characters` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return { path: "", message: `YAML syntax error at line ${at.line}, column ${at.col}: ${e.message}` };
      }),
    };
  }
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: `the YAML cannot be read: ${(error as Error).message}` }] };
  }
  const locate = locator(doc, lines);
  const at = (segments: PathSegments, message: string): FieldError => {
    const line = locate(segments);
    return { path: formatFieldPath(segments), message: line ? `${message} (line ${line})` : message };
  };

  if (!isPlainObject(input)) return { ok: false, errors: [{ path: "", message: `expected a mapping with apiVersion: ${CONFIG_FILE_API_VERSION} and kind: ${CONFIG_FILE_KIND}` }] };
  const header: FieldError[] = [];
  if (input.apiVersion !== CONFIG_FILE_API_VERSION) header.push(at(["apiVersion"], `must be "${CONFIG_FILE_API_VERSION}"`));
  if (input.kind !== CONFIG_FILE_KIND) header.push(at(["kind"], `must be "${CONFIG_FILE_KIND}"`));
  for (const key of Object.keys(input)) {
    if (!(CONFIG_FILE_KEYS as readonly string[]).includes(key)) header.push(at([key], `is not a section of the file (${CONFIG_FILE_KEYS.join(", ")})`));
  }
  if (header.length) return { ok: false, errors: header };

  const { apiVersion: _v, kind: _k, routes, ...rest } = input;
  // Ids are generated: a route in a file is known by its name alone.
  const withIds = Array.isArray(routes) ? routes.map((r) => (isPlainObject(r) ? { ...r, id: FILE_ROUTE_ID } : r)) : routes;
  const candidate = { schemaVersion: 1, ...rest, routes: withIds };
  const parsed = ZSnapshot.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => at(i.path as Array<string | number>, i.message)) };
  const unknown = unknownFields(candidate, parsed.data);
  if (unknown.length) return { ok: false, errors: unknown.map((segments) => at(segments, UNKNOWN_FIELD_MESSAGE)) };
  return { ok: true, snapshot: parsed.data, locate };
}
