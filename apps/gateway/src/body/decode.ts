// A request body decoded for the scanners, never for the upstream (it gets the bytes as sent):
// Content-Encoding undone within the route's limit (content-encoding.ts), bytes to text by BOM,
// charset or sniffing (charset.ts), then the shape: JSON under any content type, broken JSON as
// its literals (json-text.ts), urlencoded fields (form.ts), multipart fields and text files
// (multipart.ts), plain text. What cannot be decoded comes back "unscannable" with the reason.
import type { IncomingHttpHeaders } from "node:http";
import { decodeCharset } from "./charset.ts";
import { decodeContentEncoding } from "./content-encoding.ts";
import { isFormUrlencoded, isMultipart, parseMediaType } from "./content-type.ts";
import { add, formFields, type Fields } from "./form.ts";
import { brokenJsonTexts, looksLikeJson, sniffJson } from "./json-text.ts";
import { multipartParts } from "./multipart.ts";

export type BodyShape = "empty" | "json" | "broken-json" | "text" | "urlencoded" | "multipart";
export type UnscannableReason = "content-encoding" | "decoded-too-large" | "charset" | "binary" | "truncated";

export type DecodedBody =
  | {
      readonly kind: "ok";
      /** What the scanner walks: a JSON value, a text, the fields of a form (each value sniffed as a body is). */
      readonly value: unknown;
      readonly shape: BodyShape;
      /** Parts of a form that are not text (files such as images), by name: not scanned. */
      readonly skipped: readonly string[];
      /** A part that should have been text but could not be read (its charset): the rest is still scanned. */
      readonly partial?: { readonly reason: UnscannableReason; readonly message: string };
    }
  | { readonly kind: "unscannable"; readonly reason: UnscannableReason; readonly message: string };

export const EMPTY_BODY: DecodedBody = Object.freeze({ kind: "ok", value: "", shape: "empty", skipped: Object.freeze([]) });

export async function decodeBody(body: Buffer, headers: IncomingHttpHeaders, maxBytes: number): Promise<DecodedBody> {
  if (body.length === 0) return EMPTY_BODY;
  const encoded = headers["content-encoding"] === undefined ? null : await decodeContentEncoding(body, headers["content-encoding"], maxBytes);
  if (encoded?.kind === "unscannable") return encoded;
  const bytes = encoded?.bytes ?? body;
  const media = parseMediaType(headers["content-type"]);
  const charset = media.params.get("charset");

  const boundary = isMultipart(media) ? media.params.get("boundary") : undefined;
  const parts = boundary ? multipartParts(bytes, boundary) : null;
  if (parts) {
    const fields: Record<string, unknown> = Object.create(null);
    const skipped: string[] = [];
    let partial: { reason: UnscannableReason; message: string } | undefined;
    const partCharset = parts.find((p) => p.name === "_charset_" && p.filename === null)?.bytes.toString("latin1").trim() || undefined;
    for (const part of parts) {
      const text = decodeCharset(part.bytes, part.media.params.get("charset") ?? partCharset);
      if (text.kind === "unscannable") {
        if (text.reason === "binary") skipped.push(part.filename ?? part.name);
        else partial ??= { reason: text.reason, message: text.message };
        continue;
      }
      add(fields, part.name, shaped(text.text).value);
    }
    return { kind: "ok", value: fields, shape: "multipart", skipped, ...(partial ? { partial } : {}) };
  }

  const text = decodeCharset(bytes, charset);
  if (text.kind === "unscannable") return text;
  const read = shaped(text.text); // JSON first, whatever the content type says
  if (read.shape === "text" && isFormUrlencoded(media)) return { kind: "ok", value: mapFields(formFields(text.text, text.charset)), shape: "urlencoded", skipped: [] };
  return { kind: "ok", ...read, skipped: [] };
}

/** A text as the scanner should walk it: JSON parsed, broken JSON as its literals, else the text. */
export function shaped(text: string): { value: unknown; shape: BodyShape } {
  const json = sniffJson(text);
  if (json !== undefined) return { value: json, shape: "json" };
  if (looksLikeJson(text)) return { value: brokenJsonTexts(text), shape: "broken-json" };
  return { value: text, shape: "text" };
}

function mapFields(fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(fields)) out[name] = Array.isArray(value) ? value.map((v) => shaped(v).value) : shaped(value).value;
  return out;
}
