// Spelling variants of a word: the rule set's listed misspellings, and for the words it marks as
// fuzzy, every variant one slip away (a dropped letter, two letters swapped, a single letter for a
// double, a vowel censored with *). Generated once, at compile time.
import { inflections } from "./inflect.ts";

export interface VariantSource {
  misspellings: ReadonlyMap<string, readonly string[]>;
  fuzzy: ReadonlySet<string>;
}

export function oneEditVariants(word: string): string[] {
  const out = new Set<string>();
  const n = word.length;
  for (let i = 1; i < n && n >= 5; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  for (let i = 1; i < n - 1 && n >= 4; i++) if (word[i] !== word[i + 1]) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 1; i < n; i++) if (word[i] === word[i - 1]) out.add(word.slice(0, i) + word.slice(i + 1));
  for (let i = 1; i < n && n >= 4; i++) if ("aeiou".includes(word[i]!)) out.add(word.slice(0, i) + "*" + word.slice(i + 1));
  out.delete(word);
  return [...out].filter((v) => /[a-z]/.test(v));
}

export function wordVariants(word: string, source: VariantSource): string[] {
  const out = new Set<string>([word, ...(source.misspellings.get(word) ?? [])]);
  if (source.fuzzy.has(word)) for (const v of oneEditVariants(word)) out.add(v);
  return [...out];
}

/** All spellings of `word+`: inflections of every variant, plus variants of every inflection. */
export function inflectedVariants(word: string, source: VariantSource): string[] {
  const out = new Set<string>();
  for (const variant of wordVariants(word, source)) for (const form of inflections(variant)) out.add(form);
  for (const form of inflections(word)) for (const variant of wordVariants(form, source)) out.add(variant);
  return [...out];
}
