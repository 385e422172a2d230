// Regular English inflections of a verb or noun stem, generous on purpose: players drop the g
// ("endin"), double or do not double consonants ("cuting"), and write "hit's" for "hits".

const VOWEL = /[aeiou]/;

export function inflections(word: string): string[] {
  const forms = new Set<string>([word]);
  const add = (...list: string[]) => list.forEach((f) => forms.add(f));
  const stem = word.slice(0, -1);
  const last = word.at(-1) ?? "";

  if (word.endsWith("ie")) {
    const y = word.slice(0, -2) + "y";
    add(word + "s", word + "d", y + "ing", y + "in");
  } else if (last === "e" && !word.endsWith("ee")) {
    add(word + "s", word + "d", stem + "ing", stem + "in", word + "r", word + "rs");
  } else if (last === "y" && word.length > 2 && !VOWEL.test(word.at(-2)!)) {
    add(stem + "ies", stem + "ied", word + "ing", word + "in");
  } else {
    const es = /(s|x|z|ch|sh)$/.test(word) ? "es" : "s";
    add(word + es, word + "ed", word + "ing", word + "in", word + "er", word + "ers");
    if (isShortCvc(word)) add(word + last + "ed", word + last + "ing", word + last + "in", word + last + "er");
  }
  for (const f of [...forms]) if (f.length > 3 && f.endsWith("s") && !f.endsWith("ss")) forms.add(f.slice(0, -1) + "'s");
  return [...forms];
}

/** cut, stab, hit, slap: the consonant doubles before -ing/-ed. */
function isShortCvc(word: string): boolean {
  const [a, b, c] = [word.at(-3), word.at(-2), word.at(-1)];
  if (!a || !b || !c) return false;
  return !VOWEL.test(a) && VOWEL.test(b) && /[bcdfgklmnprstv]/.test(c) && (word.length <= 4 || !VOWEL.test(word.at(-4) ?? "a"));
}
