// Where a match sits in its text: its sentence, its clause, and the quoted span around it.
// Used only for matches. A "sentence" reaches at most REACH characters each way: a text with no
// full stop would otherwise make every judgement read all of it (quadratic on hostile input).

export const REACH = 400;

const SENTENCE_END = /[.!?;\n]/;
const CLAUSE_BREAK = /[,:()\u2014]| - |\b(?:but|though|although|however|whereas|except|now|yet)\b/g;

export interface Span {
  start: number;
  end: number;
}

export function sentenceAt(text: string, index: number): Span {
  const low = Math.max(0, index - REACH);
  const high = Math.min(text.length, index + REACH);
  let start = index;
  while (start > low && !SENTENCE_END.test(text[start - 1]!)) start--;
  let end = index;
  while (end < high && !SENTENCE_END.test(text[end]!)) end++;
  return { start, end };
}

/** The clause of the match: from the last break before `start` to the first break after `end`. */
export function clauseAt(text: string, start: number, end: number): Span {
  const sentence = sentenceAt(text, start);
  let from = sentence.start;
  let to = Math.max(sentenceAt(text, Math.max(start, end - 1)).end, end);
  CLAUSE_BREAK.lastIndex = 0;
  const body = text.slice(sentence.start, to);
  for (let m = CLAUSE_BREAK.exec(body); m; m = CLAUSE_BREAK.exec(body)) {
    const at = sentence.start + m.index;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return { start: from, end: to };
}

/**
 * The quoted span that contains [start, end), if any: double quotes anywhere, single quotes only
 * where they cannot be apostrophes (not between two letters).
 */
export function quoteAround(text: string, start: number, end: number): Span | null {
  const low = Math.max(0, start - REACH);
  const high = Math.min(text.length, end + REACH);
  for (const mark of ['"', "'"]) {
    const marks: number[] = [];
    for (let i = text.indexOf(mark, low); i >= 0 && i < high; i = text.indexOf(mark, i + 1)) {
      if (mark === "'" && isApostrophe(text, i, marks.length % 2 === 1)) continue;
      marks.push(i);
    }
    for (let k = 0; k + 1 < marks.length; k += 2) {
      const open = marks[k]!;
      const close = marks[k + 1]!;
      if (open < start && close >= end) return { start: open, end: close + 1 };
    }
  }
  return null;
}

/** "don't", "90's", and "the players' guild" (a plural possessive, unless it can close an open quote). */
function isApostrophe(text: string, i: number, quoteOpen: boolean): boolean {
  const before = text[i - 1] ?? "";
  const after = text[i + 1] ?? "";
  if (/[a-z0-9]/.test(before) && /[a-z]/.test(after)) return true;
  return before === "s" && !/[a-z]/.test(after) && !quoteOpen;
}
