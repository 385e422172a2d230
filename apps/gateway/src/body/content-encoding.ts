// Undoes a body's Content-Encoding for the scanner (the upstream still gets the bytes as sent):
// gzip (x-gzip), deflate (zlib-wrapped, or raw as some clients send it) and br, in the reverse of
// the order they were applied ("gzip, br" = br first). Streaming through node:zlib with the decoded
// size counted as it comes: past the route's limit the inflater is destroyed, so a zip bomb costs
// at most the limit, never memory without end.
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, constants } from "node:zlib";
import type { Transform } from "node:stream";

export type Decoded = { readonly kind: "ok"; readonly bytes: Buffer } | { readonly kind: "unscannable"; readonly reason: "content-encoding" | "decoded-too-large"; readonly message: string };

// A truncated stream gives what it has: that is scanned (the upstream gets the same truncated bytes).
const FLUSH = { finishFlush: constants.Z_SYNC_FLUSH };
const makers: Record<string, () => Transform> = {
  gzip: () => createGunzip(FLUSH),
  "x-gzip": () => createGunzip(FLUSH),
  deflate: () => createInflate(FLUSH),
  br: () => createBrotliDecompress(),
};

/** The encodings of a Content-Encoding header, in the order they were applied; identity dropped. */
export function contentCodings(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const all = Array.isArray(header) ? header.join(",") : header;
  return all
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
}

export async function decodeContentEncoding(body: Buffer, header: string | string[] | undefined, maxBytes: number): Promise<Decoded> {
  const codings = contentCodings(header);
  let bytes = body;
  for (const coding of codings.reverse()) {
    const make = makers[coding];
    if (!make) return { kind: "unscannable", reason: "content-encoding", message: `The request body is sent with a Content-Encoding this route cannot read (${coding}); send it as gzip, deflate, br or unencoded.` };
    let out = await inflate(bytes, make, maxBytes);
    // "deflate" is meant to be zlib-wrapped (RFC 9110 §8.4.1.2); some clients send it raw.
    if (out === "broken" && coding === "deflate") out = await inflate(bytes, () => createInflateRaw(FLUSH), maxBytes);
    if (out === "too-large") return { kind: "unscannable", reason: "decoded-too-large", message: `The request body, once decoded (${coding}), is larger than this route accepts (at most ${maxBytes} bytes).` };
    if (out === "broken") return { kind: "unscannable", reason: "content-encoding", message: `The request body is not valid ${coding} data.` };
    bytes = out;
  }
  return { kind: "ok", bytes };
}

/** One decoding pass, streamed; "too-large" as soon as the output passes maxBytes. */
function inflate(input: Buffer, make: () => Transform, maxBytes: number): Promise<Buffer | "too-large" | "broken"> {
  return new Promise((resolve) => {
    const stream = make();
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: Buffer | "too-large" | "broken") => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        return settle("too-large");
      }
      chunks.push(chunk);
    });
    stream.on("error", () => settle("broken"));
    stream.on("end", () => settle(Buffer.concat(chunks, size)));
    stream.end(input);
  });
}
