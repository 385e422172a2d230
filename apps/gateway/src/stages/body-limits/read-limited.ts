// Reads a whole request body, up to a limit, for a stage that must look at it before it goes on.
import type { IncomingMessage } from "node:http";

export type LimitedRead = { kind: "ok"; body: Buffer } | { kind: "too-large" } | { kind: "gone" };

export async function readLimited(req: IncomingMessage, maxBytes: number): Promise<LimitedRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) return { kind: "too-large" };
      chunks.push(chunk as Buffer);
    }
  } catch {
    return { kind: "gone" };
  }
  return req.complete ? { kind: "ok", body: Buffer.concat(chunks, size) } : { kind: "gone" };
}
