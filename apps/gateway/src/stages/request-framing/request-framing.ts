// Refuses a request whose body framing two servers could read differently (request smuggling)
// before anything is forwarded: Content-Length and Transfer-Encoding together, either of them
// twice, a Content-Length that is not a plain number, a Transfer-Encoding other than "chunked",
// or Transfer-Encoding on HTTP/1.0. Node's parser refuses most of these already (then the
// clientError handler answers, see server/client-error.ts); this stage is the second line, for
// what the parser lets through ("gzip, chunked"). The connection is closed after the 400: what
// follows on it can no longer be trusted. The same pass checks Host (RFC 9112 §3.2: exactly one,
// a valid host[:port]): a repeated or malformed Host is a 400 too, so that no stage routes, and
// no upstream reads, a host the client made up (`evil.example/x?y`, `127.0.0.1:8080@evil.example`).
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, type Stage } from "../../pipeline/stage.ts";

/** host [":" port]: a reg-name, an IPv4 address or a bracketed IPv6 literal (RFC 3986 §3.2.2). */
const VALID_HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(?::\d{1,5})?$/;

export interface FramingProblem {
  code: "GW_BAD_FRAMING" | "GW_BAD_REQUEST";
  message: string;
}

const badHost = (message: string): FramingProblem => ({ code: "GW_BAD_REQUEST", message });

/** One pass over the raw headers: body framing first (smuggling), then Host. */
export function framingProblem(rawHeaders: readonly string[], httpVersion: string): FramingProblem | null {
  let lengths = 0;
  let encodings = 0;
  let hosts = 0;
  let length = "";
  let encoding = "";
  let host = "";
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const raw = rawHeaders[i]!;
    // Only three names matter: skip the rest on their length before lower-casing anything.
    if (raw.length === 4) {
      if (raw.toLowerCase() === "host") {
        hosts++;
        host = rawHeaders[i + 1]!;
      }
    } else if (raw.length === 14) {
      if (raw.toLowerCase() === "content-length") {
        lengths++;
        length = rawHeaders[i + 1]!;
      }
    } else if (raw.length === 17 && raw.toLowerCase() === "transfer-encoding") {
      encodings++;
      encoding = rawHeaders[i + 1]!;
    }
  }
  const body = bodyFramingProblem(lengths, encodings, length, encoding, httpVersion);
  if (body) return { code: "GW_BAD_FRAMING", message: body };
  if (hosts > 1) return badHost("Host is repeated.");
  if (hosts === 1 && !VALID_HOST.test(host.trim())) return badHost("Host must be a host name or address, with an optional port.");
  return null;
}

function bodyFramingProblem(lengths: number, encodings: number, length: string, encoding: string, httpVersion: string): string | null {
  if (lengths === 0 && encodings === 0) return null;
  if (lengths > 1) return "Content-Length is repeated.";
  if (encodings > 1) return "Transfer-Encoding is repeated.";
  if (lengths && encodings) return "Content-Length and Transfer-Encoding cannot both be sent.";
  if (lengths && !/^\d{1,15}$/.test(length.trim())) return "Content-Length must be a plain number.";
  if (encodings && httpVersion === "1.0") return "Transfer-Encoding is not allowed in an HTTP/1.0 request.";
  if (encodings && encoding.trim().toLowerCase() !== "chunked") return 'The only Transfer-Encoding accepted is "chunked".';
  return null;
}

export function requestFraming(): Stage {
  return function requestFraming(ctx, next) {
    const problem = framingProblem(ctx.req.rawHeaders, ctx.req.httpVersion);
    if (problem) {
      ctx.res.shouldKeepAlive = false;
      sendError(ctx, problem.code, { message: problem.message });
      return ANSWERED;
    }
    return next();
  };
}
