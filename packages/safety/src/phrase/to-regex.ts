// Turns a parsed phrase into regex source over normalized text (see text/normalize.ts): whole
// words only, any spacing or punctuation inside a sentence between words (none also matches:
// "killmyself"), never across a sentence end.
import type { PhraseNode, PhraseSeq } from "./ast.ts";
import { inflectedVariants, wordVariants, type VariantSource } from "./variants.ts";

export interface PhraseContext extends VariantSource {
  lexicon: ReadonlyMap<string, readonly PhraseSeq[]>;
}

const SEP = "[^a-z0-9.!?;\\n]{0,8}";
const SEP_REQUIRED = "[^a-z0-9.!?;\\n]{1,8}";
// A gap word and a prefix's tail end where the word ends: were they allowed to stop inside a word
// (the separator may be empty), every prefix of every word would be tried, and nested gaps would
// backtrack polynomially (3 ms for one message before this).
const GAP_WORD = "[a-z0-9'*]{1,30}(?![a-z0-9'*])";
const CLAUSE_START = '(?<=(?:^|[.!?;\\n,:"(])[^a-z0-9]{0,4})';
export const WORD_BEFORE = "(?<![a-z0-9])";
export const WORD_AFTER = "(?![a-z0-9])";
const MAX_DEPTH = 6;

/** Regex source matching the whole phrase as whole words. */
export function phraseSource(seq: PhraseSeq, ctx: PhraseContext): string {
  return `${WORD_BEFORE}${seqSource(seq, ctx, 0)}${WORD_AFTER}`;
}

function seqSource(seq: PhraseSeq, ctx: PhraseContext, depth: number): string {
  let out = "";
  let first = true;
  for (const { node, optional } of seq) {
    if (node.t === "start") {
      out += CLAUSE_START;
      continue;
    }
    if (node.t === "gap") {
      out += `(?:${SEP_REQUIRED}${GAP_WORD}){0,${node.max}}`;
      continue;
    }
    const piece = (first ? "" : SEP) + nodeSource(node, ctx, depth);
    out += optional ? `(?:${piece})?` : piece;
    first = false;
  }
  return out;
}

function nodeSource(node: Exclude<PhraseNode, { t: "gap" } | { t: "start" }>, ctx: PhraseContext, depth: number): string {
  if (depth > MAX_DEPTH) throw new Error("lexicon classes nest too deeply");
  switch (node.t) {
    case "word": {
      const forms = node.inflect ? inflectedVariants(node.text, ctx) : wordVariants(node.text, ctx);
      const sources = [...new Set(forms.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(wordSource))];
      const body = sources.length === 1 ? sources[0]! : `(?:${sources.join("|")})`;
      return node.prefix ? `${body}[a-z']{0,15}(?![a-z'])` : body;
    }
    case "class": {
      const options = ctx.lexicon.get(node.name);
      if (!options) throw new Error(`unknown class [${node.name}]`);
      return `(?:${options.map((o) => seqSource(o, ctx, depth + 1)).join("|")})`;
    }
    case "alt":
      return `(?:${node.options.map((o) => seqSource(o, ctx, depth + 1)).join("|")})`;
  }
}

/** A word's letters; an apostrophe may be left out, a hyphen may be a space or nothing. */
function wordSource(word: string): string {
  return word
    .replace(/\*/g, "\\*")
    .replace(/'/g, "'?")
    .replace(/-/g, "[\\s-]?");
}
