// Reads a request body within a limit without ever throwing: a client that disconnects mid-body,
// sends too much or sends bad JSON gets a result to answer with (or nothing, when it is gone),
// never an unhandled `Error: aborted` that takes the whole demo process down.
import type { IncomingMessage, ServerResponse } from "node:http";

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: "aborted" | "too-large" };
export type JsonResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: "aborted" | "too-large" | "invalid-json" };

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  // A stream error after we stopped listening must still have a listener, or it is fatal.
  req.on("error", () => {});
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      if (!result.ok && result.reason === "too-large") req.resume(); // discard the rest; the answer closes the connection
      resolve(result);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size > limit) finish({ ok: false, reason: "too-large" });
      else chunks.push(chunk);
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return finish({ ok: false, reason: "too-large" });
    req.on("data", onData);
    req.once("end", () => finish({ ok: true, body: Buffer.concat(chunks) }));
    req.once("error", () => finish({ ok: false, reason: "aborted" }));
    req.once("close", () => finish(req.complete ? { ok: true, body: Buffer.concat(chunks) } : { ok: false, reason: "aborted" }));
  });
}

/** A JSON object body; arrays, scalars and unparsable text are "invalid-json". */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<JsonResult> {
  const read = await readBody(req, limit);
  if (!read.ok) return read;
  try {
    const value = JSON.parse(read.body.toString("utf8")) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // falls through
  }
  return { ok: false, reason: "invalid-json" };
}

/**
 * Answers a failed read: 413 for too large (and closes the connection, whose unread rest is
 * discarded), nothing for an aborted one (the client is gone). "invalid-json" is the caller's to answer.
 */
export function answerUnreadable(res: ServerResponse, reason: "aborted" | "too-large", limit: number): void {
  if (reason === "aborted") {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: "payload_too_large", message: `the body is larger than ${limit} bytes` });
  res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store", connection: "close" });
  res.end(body);
}
