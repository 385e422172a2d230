// A normalized text cut into sentence chunks for the model: sentence marks and line breaks end a
// chunk, and a run-on chat line is cut every MAX_WORDS words, so a window of 1-3 chunks is about a
// thought or three whatever the punctuation. Words are [a-z0-9] runs (apostrophes dropped: "dont")
// and emoji, which carry signal on their own (the pill emoji, the skull).

export const MAX_WORDS = 28;

const SENTENCE = /[^.!?;\n]+/g;
const TOKEN = /[a-z0-9']+|\p{Extended_Pictographic}/gu;

export interface Chunk {
  /** The chunk's words, in order. */
  words: string[];
  /** Its text, the words joined by one space: what character n-grams are taken from. */
  text: string;
}

export function chunks(normalized: string): Chunk[] {
  const out: Chunk[] = [];
  for (const sentence of normalized.match(SENTENCE) ?? []) {
    const words = (sentence.match(TOKEN) ?? []).map((w) => w.replace(/'/g, "")).filter((w) => w !== "");
    for (let i = 0; i < words.length; i += MAX_WORDS) {
      const part = words.slice(i, i + MAX_WORDS);
      out.push({ words: part, text: part.join(" ") });
    }
  }
  return out;
}
