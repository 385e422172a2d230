// The encoder's thread: loads the sentence encoder once, then answers batches of texts with their
// vectors ({ id, texts } in, { id, vectors } or { id, error } out; "ready" once loaded). A batch
// takes milliseconds; on its own thread it never holds up the gateway's event loop.
import { parentPort } from "node:worker_threads";
import { loadUseLite } from "./use-lite.ts";

const port = parentPort;
if (!port) throw new Error("encoder/worker.ts runs as a worker thread");
try {
  const encoder = await loadUseLite();
  port.on("message", async ({ id, texts }: { id: number; texts: string[] }) => {
    try {
      const vectors = await encoder.embed(texts);
      port.postMessage({ id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  port.postMessage({ ready: encoder.name });
} catch (error) {
  port.postMessage({ failed: error instanceof Error ? error.message : String(error) });
}
