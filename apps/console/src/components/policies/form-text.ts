// Conversions between the text an input holds and the values a policy carries.

/** "" means "use the default"; anything else that is not a number is left for zod to refuse. */
export const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));

/** One entry per line or comma: IP lists, audiences. */
export const listOf = (s: string): string[] => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

/** Blocks separated by a blank line: PEM keys span lines, so one key is one block. */
export const blocksOf = (s: string): string[] => s.split(/\r?\n\s*\r?\n/).map((x) => x.trim()).filter(Boolean);

/** A list entry's error names the entry, since a list is one field: `"10.0.0.300": must be …`. */
export function entryMessage(list: string[], path: string, message: string): string {
  const index = Number(path.split(".")[1]);
  const entry = Number.isInteger(index) ? list[index] : undefined;
  return entry === undefined ? message : `${entry.length > 40 ? `entry ${index + 1}` : `"${entry}"`}: ${message}`;
}
