// A normalized text cut into sentence chunks for the model: sentence marks and line breaks end a
// chunk, and a run-on chat line is cut every MAX_WORDS words, so a window of 1-3 chunks is about a
// thought or three whatever the punctuation; a very short sentence joins the next. Words are [a-z0-9] runs (apostrophes dropped: "dont")
// and emoji, which carry signal on their own (the pill emoji, the skull).

export const MAX_WORDS = 28;
/** A sentence shorter than this joins the next one ("hi! mail me at…"): a window of one or two words is noise. */
export const MIN_WORDS = 4;

const SENTENCE = /[^.!?;\n]+/g;
const TOKEN = /[a-z0-9']+|\p{Extended_Pictographic}/gu;
const ASCII_TOKEN = /[a-z0-9']+/g;
const NON_ASCII = /[^\x00-\x7f]/;

export interface Chunk {
  /** The chunk's words, in order. */
  words: string[];
  /** Its text, the words joined by one space: what character n-grams are taken from. */
  text: string;
}

export function chunks(normalized: string): Chunk[] {
  const out: Chunk[] = [];
  const token = NON_ASCII.test(normalized) ? TOKEN : ASCII_TOKEN; // the Unicode-aware one only when needed
  const apostrophes = normalized.includes("'");
  let carried: string[] = [];
  const sentences = normalized.match(SENTENCE) ?? [];
  for (let s = 0; s < sentences.length; s++) {
    let words: string[] = sentences[s]!.match(token) ?? [];
    if (apostrophes) words = words.map((w) => w.replace(/'/g, "")).filter((w) => w !== "");
    if (carried.length) words = [...carried, ...words];
    if (words.length < MIN_WORDS && s + 1 < sentences.length) {
      carried = words;
      continue;
    }
    carried = [];
    for (let i = 0; i < words.length; i += MAX_WORDS) {
      const part = words.slice(i, i + MAX_WORDS);
      out.push({ words: part, text: part.join(" ") });
    }
  }
  return out;
}
