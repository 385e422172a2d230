// A normalized text cut into sentence chunks for the model: sentence marks and line breaks end a
// chunk, and a run-on chat line is cut every MAX_WORDS words, so a window of 1-3 chunks is about a
// thought or three whatever the punctuation; a very short sentence joins the next. Words are [a-z0-9] runs (apostrophes dropped: "dont")
// and emoji, which carry signal on their own (the pill emoji, the skull).

export const MAX_WORDS = 28;
/** A sentence shorter than this joins the next one ("hi! mail me at…"): a window of one or two words is noise. */
export const MIN_WORDS = 4;

const SENTENCE = /[^.!?;\n]+/g;
const TOKEN = /[a-z0-9']+|\p{Extended_Pictographic}/gu;
const NON_ASCII = /[^\x00-\x7f]/;

export interface Chunk {
  /** The chunk's words, in order. */
  words: string[];
  /** Its text, the words joined by one space: what character n-grams are taken from. */
  text: string;
}

export function chunks(normalized: string): Chunk[] {
  const out: Chunk[] = [];
  const sentences = NON_ASCII.test(normalized) ? unicodeSentences(normalized) : asciiSentences(normalized);
  let carried: string[] = [];
  for (let s = 0; s < sentences.length; s++) {
    let words = sentences[s]!;
    if (carried.length) words = [...carried, ...words];
    if (words.length < MIN_WORDS && s + 1 < sentences.length) {
      carried = words;
      continue;
    }
    carried = [];
    if (words.length === 0) continue;
    if (words.length <= MAX_WORDS) out.push({ words, text: words.join(" ") });
    else for (let i = 0; i < words.length; i += MAX_WORDS) {
      const part = words.slice(i, i + MAX_WORDS);
      out.push({ words: part, text: part.join(" ") });
    }
  }
  return out;
}

/** The words of each sentence, by the regexes (emoji need Unicode properties). */
function unicodeSentences(normalized: string): string[][] {
  const apostrophes = normalized.includes("'");
  return (normalized.match(SENTENCE) ?? []).map((sentence) => {
    const words: string[] = sentence.match(TOKEN) ?? [];
    return apostrophes ? words.map((w) => w.replace(/'/g, "")).filter((w) => w !== "") : words;
  });
}

/** The same for an ASCII text (the common case), in one pass over its code units: no regex, each word one slice. */
function asciiSentences(text: string): string[][] {
  const sentences: string[][] = [];
  let words: string[] = [];
  let open = false; // a sentence has begun: a non-mark character since the last mark
  let start = -1; // the current word's first code unit
  let apostrophe = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // the end closes like a full stop
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;
    if (word) {
      if (start < 0) start = i;
      if (c === 39) apostrophe = true;
      open = true;
      continue;
    }
    if (start >= 0) {
      const w = apostrophe ? text.slice(start, i).replace(/'/g, "") : text.slice(start, i);
      if (w !== "") words.push(w);
      start = -1;
      apostrophe = false;
    }
    if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) {
      if (open) sentences.push(words);
      words = [];
      open = false;
    } else open = true;
  }
  return sentences;
}
