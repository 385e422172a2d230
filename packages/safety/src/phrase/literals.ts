// What a phrase needs to be present before its regex can match: for every mandatory item, a set of
// literals one of which must occur in the text (as a substring: "killmyself" still contains
// "kill"). The scanner checks these with one Aho-Corasick pass and runs only the rules that pass.
import type { PhraseNode, PhraseSeq } from "./ast.ts";
import type { PhraseContext } from "./to-regex.ts";
import { inflectedVariants, wordVariants } from "./variants.ts";

/** Sets whose shortest literal is shorter than this say little ("i", "a") and are left out. */
const MIN_USEFUL = 2;

/** Every set is necessary; the `keep` rarest are enough to filter (common ones only cost time). */
export function necessaryLiteralSets(seq: PhraseSeq, ctx: PhraseContext, keep = 2): string[][] {
  const sets: string[][] = [];
  for (const { node, optional } of seq) {
    if (optional || node.t === "gap" || node.t === "start") continue;
    const set = nodeLiterals(node, ctx, 0);
    if (set && shortest(set) >= MIN_USEFUL) sets.push(set);
  }
  return sets.sort((a, b) => commonness(a) - commonness(b)).slice(0, keep);
}

/** How likely a text holds one of the literals: short ones and everyday words are likely. */
function commonness(set: readonly string[]): number {
  return set.reduce((sum, literal) => sum + (COMMON.has(literal) ? 40 : literal.length <= 2 ? 30 : literal.length === 3 ? 8 : literal.length === 4 ? 3 : 1), 0);
}

const COMMON = new Set(
  "the and you that was for are with his they this have from one had word but not what all were when your can said there use each which she how their will other about out many then them these some her would make like him into time has look two more write see number way could people than first been call who now find long down day did get come made may part over new after also back just any only know take than well good much need feel want going really very even still here".split(" "),
);

function nodeLiterals(node: PhraseNode, ctx: PhraseContext, depth: number): string[] | null {
  if (depth > 8) return null;
  switch (node.t) {
    case "word": {
      const forms = node.inflect ? inflectedVariants(node.text, ctx) : wordVariants(node.text, ctx);
      return unique(forms.map(longestPiece));
    }
    case "class": {
      const options = ctx.lexicon.get(node.name);
      return options ? unionOf(options, ctx, depth) : null;
    }
    case "alt":
      return unionOf(node.options, ctx, depth);
    default:
      return null;
  }
}

/** Every option must bring a set (else the alternation needs nothing); their union is needed. */
function unionOf(options: readonly PhraseSeq[], ctx: PhraseContext, depth: number): string[] | null {
  const out: string[] = [];
  for (const option of options) {
    let best: string[] | null = null;
    for (const { node, optional } of option) {
      if (optional || node.t === "gap" || node.t === "start") continue;
      const set = nodeLiterals(node, ctx, depth + 1);
      if (set && (!best || shortest(set) > shortest(best) || (shortest(set) === shortest(best) && set.length < best.length))) best = set;
    }
    if (!best) return null;
    out.push(...best);
  }
  return unique(out);
}

/** The part of a spelling that every text it matches contains: "don't" -> "don" (the apostrophe
 * is optional), "self-harm" -> "self" (the hyphen may be a space). "k*ll" stays: * is literal. */
function longestPiece(form: string): string {
  return form.split(/['-]/).reduce((a, b) => (b.length > a.length ? b : a), "");
}

const shortest = (set: readonly string[]) => set.reduce((min, s) => Math.min(min, s.length), Infinity);
const unique = (list: string[]) => [...new Set(list)];
