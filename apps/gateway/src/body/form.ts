// application/x-www-form-urlencoded fields (a body, or a URL's query string) as an object for the
// scanner: name -> value, a name sent more than once -> its values in order. Keys are not scanned,
// as JSON keys are not, except a name sent without a value (`?I+feel+lost`): that name is its own
// value, so words sent that way are scanned too. Decoded by the WHATWG rules (`+` is a space); the
// %-escapes of a body are bytes in the body's charset (a Latin-1 form's `%E9` is "é", not a broken
// UTF-8 byte), those of a query string UTF-8.
import { TextDecoder } from "node:util";

export type Fields = Record<string, string | string[]>;

const UTF8 = /^utf-?8$/i;

export function formFields(text: string, charset = "utf-8"): Fields {
  const fields: Fields = Object.create(null);
  if (UTF8.test(charset) || !text.includes("%")) {
    for (const [name, value] of new URLSearchParams(text)) add(fields, name, value === "" ? name : value);
    return fields;
  }
  const decoder = new TextDecoder(charset);
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const name = unescapeIn(at === -1 ? pair : pair.slice(0, at), decoder);
    const value = at === -1 ? "" : unescapeIn(pair.slice(at + 1), decoder);
    add(fields, name, value === "" ? name : value);
  }
  return fields;
}

/** `+` to a space, and each run of %XX escapes decoded as bytes of the charset. */
function unescapeIn(s: string, decoder: TextDecoder): string {
  return s.replace(/\+/g, " ").replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => decoder.decode(Buffer.from(run.replace(/%/g, ""), "hex")));
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
