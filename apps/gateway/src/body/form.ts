// application/x-www-form-urlencoded fields (a body, or a URL's query string) as an object for the
// scanner: name -> value, a name sent more than once -> its values in order. Keys are not scanned,
// as JSON keys are not, except a name sent without a value (`?I+feel+lost`): that name is its own
// value, so words sent that way are scanned too. Decoded by the WHATWG rules (`+` is a space).
export type Fields = Record<string, string | string[]>;

export function formFields(text: string): Fields {
  const fields: Fields = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) add(fields, name, value === "" ? name : value);
  return fields;
}

export function add<T>(fields: Record<string, T | T[]>, name: string, value: T): void {
  const had = fields[name];
  if (had === undefined) fields[name] = value;
  else if (Array.isArray(had)) had.push(value);
  else fields[name] = [had, value];
}

/** The query string of a request target ("/a?b=c" -> "b=c"); "" when there is none. */
export function queryOf(url: string | undefined): string {
  const at = url?.indexOf("?") ?? -1;
  return at === -1 ? "" : url!.slice(at + 1);
}
