// Keys the schema does not know. zod drops them silently, which in a file hides typos
// (`timeout: 5000` instead of `timeoutMs`): a parsed object keeps every key it knows, so a key
// of the input missing from the output is one nobody reads.

export type PathSegments = Array<string | number>;

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The paths of the input's keys that the parsed output lacks. */
export function unknownFields(input: unknown, output: unknown, path: PathSegments = []): PathSegments[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, i) => unknownFields(item, output[i], [...path, i]));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) => (key in output ? unknownFields(input[key], output[key], [...path, key]) : [[...path, key]]));
}

export const UNKNOWN_FIELD_MESSAGE = "is not a field here (misspelt, or in the wrong place?)";
