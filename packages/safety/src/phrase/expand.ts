// Splits a phrase over its widest alternatives: "[i] ~2 [suicide_act]" becomes one phrase per
// option of [suicide_act]. Each part gets a small regex and its own literal prefilter, so a text
// pays only for the parts whose words it contains (a phrase with 13 ways to end matched to its
// widest class ran ~400 µs per message; its parts run a few µs, and rarely).
import type { PhraseItem, PhraseSeq } from "./ast.ts";
import type { PhraseContext } from "./to-regex.ts";

export function expandPhrase(seq: PhraseSeq, ctx: PhraseContext, maxParts = 24): PhraseSeq[] {
  let parts: PhraseSeq[] = [seq];
  for (;;) {
    let widest = -1;
    let widestOptions: readonly PhraseSeq[] = [];
    // The same item index in every part: all parts share the shape of the item being split.
    const first = parts[0]!;
    first.forEach((item, i) => {
      const options = optionsOf(item, ctx);
      if (options.length > widestOptions.length) {
        widest = i;
        widestOptions = options;
      }
    });
    if (widest < 0 || widestOptions.length < 2 || parts.length * widestOptions.length > maxParts) return parts;
    if (!parts.every((p) => p.length === first.length && optionsOf(p[widest]!, ctx).length === widestOptions.length)) return parts;
    parts = parts.flatMap((part) => optionsOf(part[widest]!, ctx).map((option) => [...part.slice(0, widest), ...option, ...part.slice(widest + 1)]));
  }
}

/** The options of a mandatory alternation or class item; none for anything else. */
function optionsOf(item: PhraseItem, ctx: PhraseContext): readonly PhraseSeq[] {
  if (item.optional) return [];
  if (item.node.t === "alt") return item.node.options;
  if (item.node.t === "class") return ctx.lexicon.get(item.node.name) ?? [];
  return [];
}
