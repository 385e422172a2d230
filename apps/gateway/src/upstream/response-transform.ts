import type { OutgoingHttpHeaders } from "node:http";
import { Readable, Writable, type Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Streams an upstream answer's body goes through before it reaches the client (PII masking); may
 * edit the headers (a transformed body has another length). null = the body is relayed as it is.
 */
export type ResponseTransform = (status: number, headers: OutgoingHttpHeaders) => Transform[] | null;

/** A body the gateway holds whole (an aggregation route's merged answer) through the same transforms. */
export async function transformWhole(body: Buffer, transforms: readonly Transform[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await pipeline([Readable.from([body]), ...transforms, sink]);
  return Buffer.concat(chunks);
}
