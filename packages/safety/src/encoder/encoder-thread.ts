// The gateway's side of the encoder thread (worker.ts): texts queue while a batch is out and go
// together in the next one (a batch of 32 costs far less than 32 singles); each caller waits at
// most its own time budget, and a full queue refuses at once. Every refusal is an error the
// caller turns into "keep the first stage's decision": the second stage may only ever lower false
// alarms, so when it cannot answer, nothing is lost. A thread that dies is started again at the
// next call, at most once per RESTART_MS.
import { Worker } from "node:worker_threads";
import type { SentenceEncoder } from "./use-lite.ts";

export interface EncoderThreadOptions {
  /** Texts sent in one batch. */
  maxBatch?: number;
  /** Texts waiting (not yet sent) beyond which a call is refused at once. */
  maxQueue?: number;
  /** A call's own budget, from the call (or, while the encoder loads, from its load) to its answer. */
  timeoutMs?: number;
  /** How long calls made before the encoder is loaded wait for it. */
  loadTimeoutMs?: number;
  /** The thread's module (tests); default worker.ts. */
  workerUrl?: URL;
  /** At most one restart of a dead thread per this long. */
  restartMs?: number;
}

export interface EncoderThread extends SentenceEncoder {
  /** Resolves when the encoder is loaded (rejects when it could not be). */
  readonly ready: Promise<void>;
  /** Calls queued or in flight. */
  readonly pending: number;
  close(): Promise<void>;
}

interface Call {
  texts: readonly string[];
  resolve(vectors: Float32Array[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | null;
  settled: boolean;
}

const RESTART_MS = 5_000;
const WORKER_URL = new URL("./worker.ts", import.meta.url);

export function startEncoderThread(options: EncoderThreadOptions = {}): EncoderThread {
  const maxBatch = options.maxBatch ?? 32;
  const maxQueue = options.maxQueue ?? 256;
  const timeoutMs = options.timeoutMs ?? 500;
  const loadTimeoutMs = options.loadTimeoutMs ?? 20_000;
  let loadTimer: NodeJS.Timeout | null = null;
  const queue: Call[] = [];
  let inFlight: { id: number; calls: Call[] } | null = null;
  let nextId = 1;
  let worker: Worker | null = null;
  let loaded = false;
  /** Why the last load failed; while set and no load has succeeded since, calls fail at once instead of waiting for another load. */
  let loadError: string | null = null;
  let startedAt = 0;
  let closed = false;
  let markReady: () => void = () => {};
  let markFailed: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => {}); // a caller that never awaits it must not see an unhandled rejection

  const settle = (call: Call, fn: () => void) => {
    if (call.settled) return;
    call.settled = true;
    if (call.timer) clearTimeout(call.timer);
    fn();
  };
  const arm = (call: Call) => {
    call.timer = setTimeout(() => settle(call, () => call.reject(new Error(`encoder: no answer within ${timeoutMs} ms`))), timeoutMs);
  };
  const failAll = (error: Error) => {
    for (const call of [...(inFlight?.calls ?? []), ...queue.splice(0)]) settle(call, () => call.reject(error));
    inFlight = null;
  };

  function start(): void {
    startedAt = Date.now();
    loaded = false;
    const w = new Worker(options.workerUrl ?? WORKER_URL);
    worker = w;
    w.unref();
    loadTimer = setTimeout(() => {
      loadError = `not loaded within ${loadTimeoutMs} ms`;
      failAll(new Error(`encoder: not loaded within ${loadTimeoutMs} ms`));
      void w.terminate(); // its exit clears `worker`: the next call starts another
    }, loadTimeoutMs);
    loadTimer.unref();
    w.on("message", (message: { ready?: string; failed?: string; id?: number; vectors?: Float32Array[]; error?: string }) => {
      if (message.ready) {
        loaded = true;
        loadError = null;
        if (loadTimer) clearTimeout(loadTimer);
        for (const call of queue) arm(call);
        markReady();
        pump();
      } else if (message.failed) {
        if (loadTimer) clearTimeout(loadTimer);
        loadError = message.failed;
        markFailed(new Error(`the sentence encoder did not load: ${message.failed}`));
        failAll(new Error(`encoder unavailable: ${message.failed}`));
      } else if (inFlight && message.id === inFlight.id) {
        const { calls } = inFlight;
        inFlight = null;
        let at = 0;
        for (const call of calls) {
          const n = call.texts.length;
          const mine = message.vectors?.slice(at, at + n);
          at += n;
          settle(call, () => (mine && mine.length === n ? call.resolve(mine) : call.reject(new Error(`encoder: ${message.error ?? "short answer"}`))));
        }
        pump();
      }
    });
    w.on("error", (error) => {
      if (!loaded) {
        loadError = error.message;
        markFailed(new Error(`the sentence encoder did not load: ${error.message}`));
      }
      failAll(new Error(`encoder thread failed: ${error.message}`));
    });
    w.on("exit", () => {
      if (loadTimer) clearTimeout(loadTimer);
      if (!loaded) loadError ??= "the thread stopped while loading";
      if (worker === w) worker = null;
      failAll(new Error("encoder thread stopped"));
    });
  }

  function pump(): void {
    if (!worker || !loaded || inFlight) return;
    const calls: Call[] = [];
    let texts = 0;
    while (queue.length && (calls.length === 0 || texts + queue[0]!.texts.length <= maxBatch)) {
      const call = queue.shift()!;
      if (call.settled) continue;
      calls.push(call);
      texts += call.texts.length;
    }
    if (calls.length === 0) return;
    inFlight = { id: nextId++, calls };
    worker.postMessage({ id: inFlight.id, texts: calls.flatMap((c) => c.texts) });
  }

  start();
  return {
    name: "use-lite (thread)",
    ready,
    get pending() {
      return queue.length + (inFlight?.calls.length ?? 0);
    },
    embed(texts) {
      if (closed) return Promise.reject(new Error("encoder closed"));
      if (texts.length === 0) return Promise.resolve([]);
      if (!worker && Date.now() - startedAt >= (options.restartMs ?? RESTART_MS)) start();
      if (!worker) return Promise.reject(new Error("encoder thread down, restarting"));
      // A failed load is not waited for again: until a restart has loaded, callers keep the first stage's decision at once.
      if (!loaded && loadError) return Promise.reject(new Error(`encoder unavailable: ${loadError}`));
      if (queue.length >= maxQueue) return Promise.reject(new Error(`encoder busy: ${queue.length} calls waiting`));
      return new Promise<Float32Array[]>((resolve, reject) => {
        const call: Call = { texts, resolve, reject, settled: false, timer: null };
        if (loaded) arm(call);
        queue.push(call);
        pump();
      });
    },
    async close() {
      closed = true;
      if (loadTimer) clearTimeout(loadTimer);
      failAll(new Error("encoder closed"));
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
