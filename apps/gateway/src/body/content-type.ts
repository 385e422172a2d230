// A Content-Type header taken apart (RFC 9110 §8.3): the media type in lower case and its
// parameters (charset, boundary), quoted values unquoted. Lenient: a broken header gives what it can.
export interface MediaType {
  /** "application/json", "" when there is none. */
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

const PARAM = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;

export function parseMediaType(header: string | undefined): MediaType {
  if (!header) return { type: "", params: new Map() };
  const semi = header.indexOf(";");
  const type = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
  const params = new Map<string, string>();
  if (semi !== -1) {
    for (const m of header.slice(semi).matchAll(PARAM)) {
      const name = m[1]!.toLowerCase();
      if (!params.has(name)) params.set(name, m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]!.trim());
    }
  }
  return { type, params };
}

export const isFormUrlencoded = (m: MediaType) => m.type === "application/x-www-form-urlencoded";
export const isMultipart = (m: MediaType) => m.type.startsWith("multipart/");

