// Relays a gateway's follow stream to one browser: each valid message re-sent as a `message`
// event, a comment every PING_MS so that idle proxies keep the connection, `end` when the gateway
// closes the follow (the session ended) and `problem` when the stream breaks. When the browser
// goes away (the response is cancelled), `onCancel` closes the upstream fetch.
import { createSseParser } from "../live/sse-parser.ts";
import { endEvent, messageEvent, parseFollowedMessage, problemEvent, sseComment } from "./follow-events.ts";

export const PING_MS = 15_000;

export interface RelayOptions {
  /** Called once when the browser side is cancelled, or the relay ends: abort the upstream fetch here. */
  onClose: () => void;
  pingMs?: number;
}

export function relayFollow(upstream: ReadableStream<Uint8Array>, options: RelayOptions): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  const decoder = new TextDecoder();
  let ping: NodeJS.Timeout | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    options.onClose();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(sseComment("following"));
      ping = setInterval(() => controller.enqueue(sseComment("ping")), options.pingMs ?? PING_MS);
      const parse = createSseParser(({ data }) => {
        const message = parseFollowedMessage(data);
        if (message) controller.enqueue(messageEvent(message));
      });
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            parse(decoder.decode(value, { stream: true }));
          }
          if (!closed) controller.enqueue(endEvent());
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          if (!closed) controller.enqueue(problemEvent({ code: "stream_lost", message: `The gateway's live stream broke off (${why}). Follow again to resume.` }));
        }
        if (closed) return; // cancelled by the browser: nothing to close
        close();
        controller.close();
      })();
    },
    cancel() {
      close();
      return reader.cancel().catch(() => {});
    },
  });
}
