// Refuses a request whose body framing two servers could read differently (request smuggling)
// before anything is forwarded: Content-Length and Transfer-Encoding together, either of them
// twice, a Content-Length that is not a plain number, a Transfer-Encoding other than "chunked",
// or Transfer-Encoding on HTTP/1.0. Node's parser refuses most of these already (then the
// clientError handler answers, see server/client-error.ts); this stage is the second line, for
// what the parser lets through ("gzip, chunked"). The connection is closed after the 400: what
// follows on it can no longer be trusted.
import { sendError } from "../../pipeline/send-error.ts";
import type { Stage } from "../../pipeline/stage.ts";

function framingProblem(rawHeaders: readonly string[], httpVersion: string): string | null {
  let lengths = 0;
  let encodings = 0;
  let length = "";
  let encoding = "";
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (name === "content-length") {
      lengths++;
      length = rawHeaders[i + 1]!;
    } else if (name === "transfer-encoding") {
      encodings++;
      encoding = rawHeaders[i + 1]!;
    }
  }
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
  return async function requestFraming(ctx, next) {
    const problem = framingProblem(ctx.req.rawHeaders, ctx.req.httpVersion);
    if (problem) {
      ctx.res.shouldKeepAlive = false;
      sendError(ctx, "GW_BAD_FRAMING", { message: problem });
      return;
    }
    await next();
  };
}
