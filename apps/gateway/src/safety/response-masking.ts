// The PII masking of an upstream answer's body (routes with maskResponsePii): JSON bodies field by
// field, text bodies as text, streamed through @tta/safety's PiiMaskStream with bounded memory. A
// compressed body is decompressed first (the request asks for identity, but an upstream may not
// listen); an encoding that cannot be decoded is refused rather than passed unmasked. Binary types
// (images, audio, video, archives, octet-stream) pass untouched.
import type { OutgoingHttpHeaders } from "node:http";
import type { Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { createPiiMaskStream, type MaskMode } from "@tta/safety";
import type { ResponseTransform } from "../upstream/response-transform.ts";
import { GatewayError } from "../pipeline/gateway-error.ts";

const BINARY = /^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip|x-tar|x-7z-compressed|wasm|vnd\.)|^multipart\/byteranges/i;

export function maskModeOf(contentType: string): MaskMode | null {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (!type) return "auto";
  if (/[/+]json$/.test(type)) return "json";
  if (BINARY.test(type)) return null;
  return "text"; // text/*, xml, javascript, form data, anything else worded
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case "":
    case "identity":
      return null;
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    default:
      throw new GatewayError("GW_UPSTREAM_BAD_RESPONSE", undefined, { cause: new Error(`cannot mask a body with content-encoding "${encoding}"`) });
  }
}

/** For one request (its method): the transform the exchange applies to the answer. */
export function piiMaskingTransform(method: string): ResponseTransform {
  return (status, headers: OutgoingHttpHeaders) => {
    if (method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200)) return null;
    const mode = maskModeOf(String(headers["content-type"] ?? ""));
    if (!mode) return null;
    const decoder = decoderFor(String(headers["content-encoding"] ?? "").trim().toLowerCase());
    // The masked body has another length and is sent decoded; digests of the original no longer hold.
    for (const name of ["content-length", "content-encoding", "content-md5", "digest", "content-digest", "etag"]) delete headers[name];
    return decoder ? [decoder, createPiiMaskStream(mode)] : [createPiiMaskStream(mode)];
  };
}
