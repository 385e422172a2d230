// Reads a small JSON request body for the admin API; refuses bodies over the limit.
import type { IncomingMessage } from "node:http";

export class BodyError extends Error {
  override name = "BodyError";
  /** Over the limit: the rest of the body was not read, so the connection cannot be reused. */
  tooLarge = false;
}

export async function readJson(req: IncomingMessage, limitBytes = 16 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw Object.assign(new BodyError(`The body is larger than ${limitBytes} bytes.`), { tooLarge: true });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new BodyError("The body is not JSON.", { cause: error });
  }
}
