// Counts a streamed (chunked) request body on its way to the upstream. The proxy pipes the request
// into the upstream request; this replaces that pipe with one that counts. Past the limit the
// upstream request is destroyed with GW_PAYLOAD_TOO_LARGE, which the upstream stage answers as a
// 413, and the client connection is closed after that answer (the rest of its body is not read).
//
// The limit must be seen when the client crosses it, not when the upstream has read that far: an
// upstream that reads slowly, or not at all until the body is complete, would otherwise hold the
// client until the route's timeout (a 504 instead of a 413). So the client is read ahead of the
// upstream, at most up to the limit, within a process-wide read-ahead budget; past the budget the
// body goes back to plain backpressure.
import type { IncomingMessage } from "node:http";
import type { Writable } from "node:stream";
import { GatewayError } from "../pipeline/gateway-error.ts";

/** Bytes of request bodies held for slow upstreams, all requests together. */
export const READ_AHEAD_BUDGET = 64 * 1_048_576;
const budget = { used: 0 };

export function tooLargeMessage(maxBytes: number): string {
  return `The request body is larger than this route accepts (at most ${maxBytes} bytes).`;
}

export function limitStream(req: IncomingMessage, maxBytes: number, onExceeded: () => void): void {
  req.pipe = function <T extends NodeJS.WritableStream>(target: T, options?: { end?: boolean }): T {
    const destination = target as unknown as Writable;
    let seen = 0;
    let held = 0; // this request's share of the budget: what the destination buffers
    const account = () => {
      const now = destination.writableLength ?? 0;
      budget.used += now - held;
      held = now;
    };
    const release = () => {
      budget.used -= held;
      held = 0;
    };
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      destination.off("drain", onDrain);
      release();
    };
    const onDrain = () => {
      account();
      req.resume();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) {
        stop();
        req.pause();
        onExceeded();
        destination.destroy(new GatewayError("GW_PAYLOAD_TOO_LARGE", tooLargeMessage(maxBytes)));
        return;
      }
      const flowing = destination.write(chunk);
      account();
      if (!flowing && (held >= maxBytes || budget.used > READ_AHEAD_BUDGET)) {
        req.pause();
        destination.once("drain", onDrain);
      }
    };
    const onEnd = () => {
      stop();
      if (options?.end !== false) destination.end();
    };
    req.on("data", onData);
    req.once("end", onEnd);
    destination.once("close", stop);
    return target;
  } as IncomingMessage["pipe"];
}
