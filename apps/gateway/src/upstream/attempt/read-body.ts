// Reads a request body that is to be sent more than once (at most MAX_REPLAY_BODY, length known).
// null when the client went away while sending it.
import type { IncomingMessage } from "node:http";

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) return null; // node enforces Content-Length; this is a guard, not a path
      chunks.push(chunk as Buffer);
    }
  } catch {
    return null;
  }
  return req.complete ? Buffer.concat(chunks, size) : null;
}
