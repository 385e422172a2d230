// Opens N idle WebSocket connections to a URL (200 handshakes at a time) and holds them. Prints
// `opened <ok> failed <n> <first error>`; on `check` on stdin sends one text message on every
// connection still open and prints `alive <echoed> closed <n> codes <json>` (close codes seen
// while held); on `close` closes every connection with 1000, prints `closed <n>` and exits. Exits
// by itself after 10 minutes or when its stdin closes. `node --import tsx bench/ws-hold.ts <ws url> <count>`
import { createInterface } from "node:readline";
import { WebSocket } from "ws";
import { payloadOf } from "./lib/ws-latency.ts";
import { openInBatches } from "./lib/open-in-batches.ts";

const url = new URL(process.argv[2] ?? "");
const count = Number(process.argv[3] ?? 0);
if (url.hostname !== "127.0.0.1" || url.protocol !== "ws:") throw new Error("only ws://127.0.0.1");
setTimeout(() => process.exit(2), 600_000).unref();
const BATCH = 200;

interface Held {
  ws: WebSocket;
  /** Resolves when a frame whose payload is `text` arrives; rejects on close or after 15 s. */
  echo(text: string): Promise<void>;
}

const codes: Record<string, number> = {};

function open(): Promise<Held> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ["tta.v1"], { perMessageDeflate: false, handshakeTimeout: 30_000 });
    let waiting: { text: string; done: () => void; fail: (e: Error) => void } | null = null;
    ws.on("message", (data) => {
      if (waiting && payloadOf(data.toString())?.data === waiting.text) waiting.done();
    });
    ws.once("close", (code) => {
      codes[code] = (codes[code] ?? 0) + 1;
      waiting?.fail(new Error(`closed ${code}`));
    });
    ws.on("error", () => {});
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("open", () =>
      resolve({
        ws,
        echo: (text) =>
          new Promise((done, fail) => {
            if (ws.readyState !== ws.OPEN) return fail(new Error("not open"));
            const timer = setTimeout(() => fail(new Error("no echo")), 15_000);
            waiting = { text, done: () => (clearTimeout(timer), (waiting = null), done()), fail: (e) => (clearTimeout(timer), (waiting = null), fail(e)) };
            ws.send(text);
          }),
      }),
    );
  });
}

const { held, failed, firstError } = await openInBatches<Held>(count, BATCH, open);
console.log(`opened ${held.length} failed ${failed} ${firstError}`.trim());

const commands = createInterface({ input: process.stdin });
commands.once("close", () => process.exit(3)); // the bench went away
commands.on("line", async (line) => {
  if (line.trim() === "check") {
    const closedBefore = held.filter((h) => h.ws.readyState !== h.ws.OPEN).length;
    let alive = 0;
    for (let i = 0; i < held.length; i += BATCH) {
      const answers = await Promise.allSettled(held.slice(i, i + BATCH).map((h, j) => h.echo(`alive ${i + j}`)));
      alive += answers.filter((a) => a.status === "fulfilled").length;
    }
    console.log(`alive ${alive} closed ${closedBefore} codes ${JSON.stringify(codes)}`);
  } else if (line.trim() === "close") {
    const closing = held.filter((h) => h.ws.readyState === h.ws.OPEN);
    await Promise.all(
      closing.map(
        (h) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => (h.ws.terminate(), resolve()), 10_000);
            h.ws.once("close", () => (clearTimeout(timer), resolve()));
            h.ws.close(1000);
          }),
      ),
    );
    console.log(`closed ${closing.length}`);
    process.exit(0);
  }
});
