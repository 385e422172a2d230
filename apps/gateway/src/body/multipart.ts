// multipart/form-data (RFC 7578) parts of a body already read whole (within the route's limit):
// each part's name, filename, media type and bytes. Buffer.indexOf over the held bytes; no stream
// parser (busboy) because the body owner has the bytes already, every part must reach the
// scanner whole (busboy truncates fields past its size limits unless told not to), and each part's
// bytes go through the same charset and JSON sniffing as a body.
import { parseMediaType, type MediaType } from "./content-type.ts";

export interface Part {
  readonly name: string;
  readonly filename: string | null;
  readonly media: MediaType;
  readonly bytes: Buffer;
}

/** The parts, or null when the body is not multipart with this boundary (no delimiter found). */
export function multipartParts(body: Buffer, boundary: string): Part[] | null {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  let at = body.indexOf(delimiter);
  if (at === -1) return null;
  const parts: Part[] = [];
  for (;;) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // "--": the close delimiter
    start = skipLine(body, start); // transport padding and the CRLF after the delimiter
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`, "latin1"), start);
    const end = next === -1 ? body.length : next; // no close delimiter: the part runs to the end
    const headEnd = body.indexOf("\r\n\r\n", start, "latin1");
    const part = headEnd === -1 || headEnd > end ? null : partOf(body.toString("latin1", start, headEnd), body.subarray(headEnd + 4, end));
    if (part) parts.push(part);
    if (next === -1) break;
    at = next + 2;
  }
  return parts;
}

function skipLine(body: Buffer, from: number): number {
  const lf = body.indexOf(0x0a, from);
  return lf === -1 ? body.length : lf + 1;
}

function partOf(head: string, bytes: Buffer): Part {
  let disposition = "";
  let type = "";
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = Buffer.from(line.slice(colon + 1).trim(), "latin1").toString("utf8"); // header bytes as sent, read as UTF-8
    if (name === "content-disposition") disposition = value;
    else if (name === "content-type") type = value;
  }
  const params = parseMediaType(disposition).params;
  const extended = params.get("filename*"); // RFC 5987: charset'language'percent-encoded
  const filename = extended !== undefined ? safeDecode(extended.replace(/^[^']*'[^']*'/, "")) : (params.get("filename") ?? null);
  return { name: params.get("name") ?? "", filename, media: parseMediaType(type || undefined), bytes };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
