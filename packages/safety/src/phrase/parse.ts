// Parses the phrase language into a sequence of items, with messages an admin can act on.
//   word        whole word (letters, digits, ' and -)     word+   with regular inflections
//   word*       word as a prefix (suicid* = suicide, suicidal)   [name]  a lexicon class
//   (a|b c)     alternatives      item?  optional      ~N  up to N other words      ^  clause start
// Items are separated by spaces, or simply follow each other: "(go to )?sleep".
import { MAX_GAP, type PhraseItem, type PhraseNode, type PhraseSeq } from "./ast.ts";

export type ParseResult = { ok: true; seq: PhraseSeq } | { ok: false; message: string };

class PhraseSyntaxError extends Error {}

const WORD_CHAR = /[a-z0-9'-]/;
const CLASS_NAME = /^[a-z][a-z0-9_]*$/;

export function parsePhrase(source: string): ParseResult {
  const text = source.trim().toLowerCase();
  let pos = 0;
  const fail = (message: string): never => {
    throw new PhraseSyntaxError(`${message} (at character ${pos + 1})`);
  };
  const skipSpaces = () => {
    while (text[pos] === " ") pos++;
  };

  function parseSeq(): PhraseSeq {
    const items: PhraseItem[] = [];
    for (;;) {
      skipSpaces();
      const c = text[pos];
      if (c === undefined || c === ")" || c === "|") return items;
      items.push(parseItem());
    }
  }

  function parseItem(): PhraseItem {
    const node = parseAtom();
    let optional = false;
    if (text[pos] === "?") {
      if (node.t === "gap" || node.t === "start") fail("a gap or ^ cannot be optional");
      optional = true;
      pos++;
    }
    return { node, optional };
  }

  function parseAtom(): PhraseNode {
    const c = text[pos]!;
    if (c === "(") {
      pos++;
      const options: PhraseSeq[] = [parseSeq()];
      while (text[pos] === "|") {
        pos++;
        options.push(parseSeq());
      }
      if (text[pos] !== ")") fail('missing ")"');
      pos++;
      if (options.some((o) => o.length === 0)) fail("empty alternative");
      return { t: "alt", options };
    }
    if (c === "[") {
      const end = text.indexOf("]", pos);
      if (end < 0) fail('missing "]"');
      const name = text.slice(pos + 1, end);
      if (!CLASS_NAME.test(name)) fail(`bad class name "[${name}]"`);
      pos = end + 1;
      return { t: "class", name };
    }
    if (c === "~") {
      const m = /^~(\d+)/.exec(text.slice(pos));
      if (!m) fail("~ needs a number of words, such as ~2");
      const max = Number(m![1]);
      if (max < 1 || max > MAX_GAP) fail(`a gap is 1 to ${MAX_GAP} words`);
      pos += m![0].length;
      return { t: "gap", max };
    }
    if (c === "^") {
      pos++;
      return { t: "start" };
    }
    let word = "";
    while (pos < text.length && WORD_CHAR.test(text[pos]!)) word += text[pos++];
    if (!word) fail(`unexpected "${c}"`);
    // A leading apostrophe is a contraction ("'ve" in "i've"); nothing may trail.
    if (!/[a-z0-9]/.test(word) || /^-|['-]$/.test(word)) fail(`"${word}" is not a word`);
    const inflect = text[pos] === "+";
    const prefix = text[pos] === "*";
    if (inflect || prefix) pos++;
    if (prefix && word.length < 3) fail("a prefix* needs at least 3 letters");
    return { t: "word", text: word, inflect, prefix };
  }

  try {
    const seq = parseSeq();
    if (pos < text.length) fail(`unexpected "${text[pos]}"`);
    checkShape(seq, fail);
    return { ok: true, seq };
  } catch (error) {
    if (error instanceof PhraseSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

function checkShape(seq: PhraseSeq, fail: (m: string) => never): void {
  if (seq.length === 0) fail("empty phrase");
  if (seq.every((i) => i.optional || i.node.t === "gap" || i.node.t === "start")) fail("the phrase can match nothing");
  checkInner(seq, fail);
}

function checkInner(seq: PhraseSeq, fail: (m: string) => never): void {
  if (seq.slice(1).some((i) => i.node.t === "start")) fail("^ can only start a phrase or an alternative");
  if (seq[0]!.node.t === "gap" || seq.at(-1)!.node.t === "gap") fail("a phrase or an alternative cannot start or end with a gap");
  for (const item of seq) if (item.node.t === "alt") for (const option of item.node.options) checkInner(option, fail);
}

/** Every lexicon class a phrase refers to, for validation and cycle checks. */
export function classRefs(seq: PhraseSeq, out = new Set<string>()): Set<string> {
  for (const { node } of seq) {
    if (node.t === "class") out.add(node.name);
    if (node.t === "alt") for (const option of node.options) classRefs(option, out);
  }
  return out;
}
