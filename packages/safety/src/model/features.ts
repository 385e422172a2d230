// The sparse features of one chunk: hashed word unigrams, bigrams and skip-bigrams, pairs of the
// chunk's clinical signals, and hashed character 3-5
// grams of " text " (word edges count), each an index below `dims` (repeats kept: counts), plus the
// clinical signals the chunk shows (signals.ts). A window's hashed part is scaled by 1/sqrt(count)
// when scored, so a long window does not pile up evidence just by being long.
import type { Chunk } from "./tokens.ts";
import { fnv, fnvStep } from "./hash.ts";
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

export function chunkFeatures(chunk: Chunk, dims: number): ChunkFeatures {
  const mask = dims - 1; // dims is a power of two
  const { words, text } = chunk;
  const padded = ` ${text} `;
  const grams = Math.max(0, padded.length - 2) * 3;
  const signals = chunkSignals(text);
  const out = new Int32Array(words.length * (2 + SKIP) + grams + (signals.length * (signals.length - 1)) / 2);
  let n = 0;
  for (let i = 0; i < words.length; i++) for (let d = 2; d <= SKIP + 1 && i + d < words.length; d++) out[n++] = fnv(words[i + d]!, fnv(" ", fnv(words[i]!, SKIP_SEED))) & mask;
  // Pairs of clinical signals in one chunk (method with a time, an act with a perpetrator): the
  // conjunctions the C-SSRS ladder and the danger assessments weigh, which a linear model cannot form.
  for (let a = 0; a < signals.length; a++) for (let b = a + 1; b < signals.length; b++) out[n++] = fnv(`${signals[a]}:${signals[b]}`, PAIR_SEED) & mask;
  for (let i = 0; i < words.length; i++) {
    out[n++] = fnv(words[i]!, WORD_SEED) & mask;
    if (i > 0) out[n++] = fnv(words[i]!, fnv(" ", fnv(words[i - 1]!, BIGRAM_SEED))) & mask;
  }
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = fnvStep(CHAR_SEED, padded.charCodeAt(i));
    h = fnvStep(h, padded.charCodeAt(i + 1));
    for (let len = 3; len <= 5 && i + len <= padded.length; len++) {
      h = fnvStep(h, padded.charCodeAt(i + len - 1));
      out[n++] = (h >>> 0) & mask;
    }
  }
  return { hashed: out.subarray(0, n), signals };
}
