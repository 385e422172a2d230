// The lexicon and spelling variants of a rule set, parsed once, that every phrase compiles against.
import type { PhraseSeq } from "../phrase/ast.ts";
import { parsePhrase } from "../phrase/parse.ts";
import { phraseSource, type PhraseContext } from "../phrase/to-regex.ts";
import type { TSafetyRules } from "../rules/schema.ts";

export function phraseContext(rules: TSafetyRules): PhraseContext {
  const lexicon = new Map<string, PhraseSeq[]>();
  for (const [name, entries] of Object.entries(rules.lexicon)) lexicon.set(name, entries.map(mustParse));
  return {
    lexicon,
    misspellings: new Map(Object.entries(rules.misspellings)),
    fuzzy: new Set(rules.fuzzy),
  };
}

export function mustParse(phrase: string): PhraseSeq {
  const parsed = parsePhrase(phrase);
  if (!parsed.ok) throw new Error(`phrase "${phrase}": ${parsed.message}`); // validated before; a bug if reached
  return parsed.seq;
}

/** One global regex matching any of the phrases, or null for an empty list. */
export function anyPhrase(phrases: readonly string[], ctx: PhraseContext): RegExp | null {
  if (phrases.length === 0) return null;
  return new RegExp(phrases.map((p) => phraseSource(mustParse(p), ctx)).join("|"), "g");
}
