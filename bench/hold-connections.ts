// Opens N keep-alive HTTP/1.1 connections to a URL, makes one request on each, and holds them idle.
// Prints `opened <ok> failed <n> <first error>` when done; on a `check` line on stdin, makes one more
// request on every connection still open and prints `alive <n> closed <n>`, then exits. Exits by
// itself after 10 minutes. `node --import tsx bench/hold-connections.ts <url> <count>`
import { connect, type Socket } from "node:net";
import { createInterface } from "node:readline";
import { openInBatches } from "./lib/open-in-batches.ts";

const url = new URL(process.argv[2] ?? "");
const count = Number(process.argv[3] ?? 0);
if (url.hostname !== "127.0.0.1") throw new Error("only 127.0.0.1");
const request = Buffer.from(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n\r\n`);
setTimeout(() => process.exit(2), 600_000).unref();

interface Held {
  socket: Socket;
  open: boolean;
  /** Resolves with the status of the answer to the request just written. */
  ask(): Promise<number>;
}

function open(): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    let buffer = Buffer.alloc(0);
    let waiting: { resolve: (status: number) => void; reject: (e: Error) => void } | null = null;
    const held: Held = {
      socket,
      open: true,
      ask: () =>
        new Promise((res, rej) => {
          if (!held.open) return rej(new Error("closed"));
          waiting = { resolve: res, reject: rej };
          socket.write(request);
        }),
    };
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0 || !waiting) return;
      const head = buffer.subarray(0, end).toString("latin1");
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
      const chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
      const body = buffer.subarray(end + 4);
      const complete = chunked ? body.includes("0\r\n\r\n") : Number.isFinite(length) ? body.length >= length : false;
      if (!complete) return;
      buffer = Buffer.alloc(0);
      const w = waiting;
      waiting = null;
      w.resolve(Number(head.split(" ")[1]));
    });
    const closed = (error?: Error) => {
      held.open = false;
      waiting?.reject(error ?? new Error("closed"));
      waiting = null;
    };
    socket.on("error", (error) => closed(error));
    socket.on("close", () => closed());
    socket.once("connect", () => held.ask().then(() => resolve(held), reject));
    socket.once("error", reject);
  });
}

const BATCH = 200;
const { held, failed, firstError } = await openInBatches<Held>(count, BATCH, open);
console.log(`opened ${held.length} failed ${failed} ${firstError}`.trim());

createInterface({ input: process.stdin }).on("line", async (line) => {
  if (line.trim() !== "check") return;
  let alive = 0;
  for (let i = 0; i < held.length; i += BATCH) {
    const answers = await Promise.allSettled(held.slice(i, i + BATCH).map((h) => h.ask()));
    alive += answers.filter((a) => a.status === "fulfilled" && a.value < 500).length;
  }
  console.log(`alive ${alive} closed ${held.length - alive}`);
  for (const h of held) h.socket.destroy();
  process.exit(0);
});
