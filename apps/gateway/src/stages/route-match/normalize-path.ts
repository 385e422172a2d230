// Puts the request path in one canonical form before matching, so that `/api/%70layers`,
// `/api/x/../players` and `/api//players` cannot reach a route by another spelling: unreserved
// percent-encodings are decoded, dot segments resolved, repeated slashes merged. Encoded slashes and
// backslashes are refused outright, since upstreams disagree about what they mean. So are
// double-encoded slashes, backslashes, dots and percents (%252F, %255C, %252E, %2525): an upstream
// that decodes once more would see a path this gateway never matched.
export type NormalizedPath = { ok: true; path: string; query: string } | { ok: false; reason: string };

const NEEDS_WORK = /[%\\#]|\/\/|\/\./; // only a segment that starts with a dot can be a dot segment
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const HEX = "0123456789ABCDEF";

function decodeUnreserved(path: string): string | null {
  let out = "";
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch !== "%") {
      out += ch;
      continue;
    }
    const hex = path.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
    const code = parseInt(hex, 16);
    if (code === 0x2f || code === 0x5c) return null;
    if (code === 0x25 && /^(2[EeFf]|5[Cc]|25)$/.test(path.slice(i + 3, i + 5))) return null;
    const char = String.fromCharCode(code);
    out += UNRESERVED.test(char) ? char : `%${HEX[code >> 4]}${HEX[code & 15]}`;
    i += 2;
  }
  return out;
}

function resolveSegments(path: string): string {
  const input = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < input.length; i++) {
    const seg = input[i]!;
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const last = input[input.length - 1];
  const trailing = input.length > 1 && (last === "" || last === "." || last === "..") && out.length > 0;
  return "/" + out.join("/") + (trailing ? "/" : "");
}

/** `url` is the request target as received (origin-form: path and optional query). */
export function normalizePath(url: string): NormalizedPath {
  if (url[0] !== "/") return { ok: false, reason: "The request target must be a path starting with /." };
  const q = url.indexOf("?");
  const raw = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q);
  if (!NEEDS_WORK.test(raw)) return { ok: true, path: raw, query };
  if (raw.includes("\\")) return { ok: false, reason: "The request path must not contain a backslash." };
  if (raw.includes("#")) return { ok: false, reason: "The request path must not contain a fragment." };
  const decoded = raw.includes("%") ? decodeUnreserved(raw) : raw;
  if (decoded === null) return { ok: false, reason: "The request path has an encoded slash, a double encoding or a broken percent-encoding." };
  return { ok: true, path: resolveSegments(decoded), query };
}
