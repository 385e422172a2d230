// The sparse features of a text's chunks: hashed word unigrams, bigrams and skip-bigrams (from
// each word's hash, combined), pairs of the chunk's clinical signals, and hashed character 3-4
// grams of " text " (word edges count; 5-grams added nothing on cross-validation and cost a third
// more features), each an index below `dims` (repeats kept: counts), plus
// the clinical signals each chunk shows (signals.ts). A window's hashed part is scaled by
// 1/sqrt(count) when scored, so a long window does not pile up evidence just by being long.
import type { Chunk } from "./tokens.ts";
import { combine, fnv, fnvStep } from "./hash.ts";
import { chunkSignals } from "./signals.ts";

export interface ChunkFeatures {
  /** Hashed feature indices, with repeats. */
  hashed: Int32Array;
  /** Clinical signal ids present in the chunk. */
  signals: number[];
}

const WORD_SEED = fnv("w:");
const BIGRAM_SEED = fnv("b:");
const CHAR_SEED = fnv("c:");
const SKIP_SEED = fnv("k:");
const PAIR_SEED = fnv("p:");
/** Word pairs 2..SKIP+1 apart ("kill ... myself"), beyond the adjacent bigrams. */
const SKIP = 2;
/** Character n-grams from 3 to this many characters. */
const MAX_GRAM = 4;

/**
 * `scratch`, when given, holds the hashed indices instead of a new buffer (scoring reuses one per
 * process: a 4 KiB text has ~10,000 of them); the result is then valid until the next call.
 */
export function textFeatures(list: readonly Chunk[], dims: number, scratch?: Scratch): ChunkFeatures[] {
  const signals = chunkSignals(list);
  // One buffer for all chunks (each chunk a view): two allocations a text instead of two a chunk.
  const sizes = list.map((c, i) => c.words.length * (2 + SKIP) + (c.text.length + 2) * (MAX_GRAM - 2) + (signals[i]!.length * (signals[i]!.length - 1)) / 2);
  const total = sizes.reduce((a, b) => a + b, 0);
  let most = 0;
  for (const c of list) most = Math.max(most, c.words.length);
  let buffer: Int32Array, hw: Uint32Array;
  if (scratch) {
    if (scratch.buffer.length < total) scratch.buffer = new Int32Array(total * 2);
    if (scratch.hw.length < most) scratch.hw = new Uint32Array(most * 2);
    ({ buffer, hw } = scratch);
  } else {
    buffer = new Int32Array(total);
    hw = new Uint32Array(most);
  }
  let offset = 0;
  return list.map((c, i) => {
    const features = chunkFeatures(c, signals[i]!, dims, buffer.subarray(offset, offset + sizes[i]!), hw);
    offset += sizes[i]!;
    return features;
  });
}

/** Grow-only buffers for textFeatures, reused from call to call. */
export interface Scratch {
  buffer: Int32Array;
  hw: Uint32Array;
}

export const newScratch = (): Scratch => ({ buffer: new Int32Array(0), hw: new Uint32Array(0) });

const SPACE = 32;
/** The code unit at i of ` ${text} `, without building that string. */
const paddedCode = (text: string, i: number) => (i === 0 || i === text.length + 1 ? SPACE : text.charCodeAt(i - 1));

function chunkFeatures(chunk: Chunk, signals: number[], dims: number, out: Int32Array, hw: Uint32Array): ChunkFeatures {
  const mask = dims - 1; // dims is a power of two
  const { words, text } = chunk;
  let n = 0;
  for (let i = 0; i < words.length; i++) hw[i] = fnv(words[i]!);
  for (let i = 0; i < words.length; i++) {
    out[n++] = combine(WORD_SEED, hw[i]!) & mask;
    if (i > 0) out[n++] = combine(combine(BIGRAM_SEED, hw[i - 1]!), hw[i]!) & mask;
    if (i + 2 < words.length) {
      const skip = combine(SKIP_SEED, hw[i]!);
      for (let d = 2; d <= SKIP + 1 && i + d < words.length; d++) out[n++] = combine(skip, hw[i + d]!) & mask;
    }
  }
  // Pairs of clinical signals in one chunk (method with a time, an act with a perpetrator): the
  // conjunctions the C-SSRS ladder and the danger assessments weigh, which a linear model cannot form.
  for (let a = 0; a < signals.length; a++) for (let b = a + 1; b < signals.length; b++) out[n++] = combine(combine(PAIR_SEED, signals[a]!), signals[b]!) & mask;
  // Character n-grams of " text " (word edges count), read from the text with the two spaces implied.
  const length = text.length + 2;
  for (let i = 0; i + 3 <= length; i++) {
    let h = fnvStep(CHAR_SEED, paddedCode(text, i));
    h = fnvStep(h, paddedCode(text, i + 1));
    for (let len = 3; len <= MAX_GRAM && i + len <= length; len++) {
      h = fnvStep(h, paddedCode(text, i + len - 1));
      out[n++] = (h >>> 0) & mask;
    }
  }
  return { hashed: out.subarray(0, n), signals };
}
