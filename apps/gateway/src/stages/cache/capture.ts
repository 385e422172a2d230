// The upstream's answer copied as it streams to the client, up to the route's object size: a
// longer answer goes on streaming, uncopied. `done` gets the whole body when the answer ended,
// null when it was too long or cut short (the client left, the upstream broke off).
import { Transform } from "node:stream";

export function captureBody(maxBytes: number, done: (body: Buffer | null) => void): Transform {
  let chunks: Buffer[] | null = [];
  let bytes = 0;
  let settled = false;
  const settle = (body: Buffer | null) => {
    if (settled) return;
    settled = true;
    done(body);
  };
  const capture = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunks) {
        bytes += chunk.length;
        if (bytes > maxBytes) chunks = null;
        else chunks.push(chunk);
      }
      callback(null, chunk);
    },
    flush(callback) {
      settle(chunks ? Buffer.concat(chunks, bytes) : null);
      callback();
    },
  });
  capture.once("close", () => settle(null));
  return capture;
}
