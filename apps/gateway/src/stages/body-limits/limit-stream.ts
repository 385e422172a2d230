// Counts a streamed (chunked) request body on its way to the upstream. The proxy pipes the request
// into the upstream request; this puts a counter in that pipe. Past the limit the upstream request
// is destroyed with GW_PAYLOAD_TOO_LARGE, which the upstream stage answers as a 413, and the
// client connection is closed after that answer (the rest of its body is not read).
import type { IncomingMessage } from "node:http";
import { Transform, type Writable } from "node:stream";
import { GatewayError } from "../../pipeline/gateway-error.ts";

export function tooLargeMessage(maxBytes: number): string {
  return `The request body is larger than this route accepts (at most ${maxBytes} bytes).`;
}

export function limitStream(req: IncomingMessage, maxBytes: number, onExceeded: () => void): void {
  const pipe = req.pipe;
  req.pipe = function <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    let seen = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen <= maxBytes) return callback(null, chunk);
        req.unpipe(counter);
        onExceeded();
        (destination as unknown as Writable).destroy(new GatewayError("GW_PAYLOAD_TOO_LARGE", tooLargeMessage(maxBytes)));
        callback();
      },
    });
    pipe.call(req, counter);
    return counter.pipe(destination, options);
  } as IncomingMessage["pipe"];
}
