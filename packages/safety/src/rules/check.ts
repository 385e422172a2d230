// Cross-field checks of a rule set, reported with the path of the field to fix: phrases that do
// not parse or name an unknown class, lexicon cycles, regexes that do not compile or could take
// exponential time, duplicate ids.
import type { z } from "zod";
import type { PhraseSeq } from "../phrase/ast.ts";
import { classRefs, parsePhrase } from "../phrase/parse.ts";
import { checkPattern } from "./check-pattern.ts";

interface RulesShape {
  lexicon: Record<string, string[]>;
  misspellings: Record<string, string[]>;
  cues: Record<string, unknown>;
  categories: {
    id: string;
    phrases: { id?: string | undefined; phrase: string }[];
    patterns: { id?: string | undefined; pattern: string }[];
    idioms: string[];
    intensifiers: string[];
  }[];
}

type Path = (string | number)[];

const CUE_PHRASE_LISTS = ["negation", "negationExceptions", "hypothetical", "historical", "recent", "fiction", "worldEntities", "reality", "speech", "firstPerson"] as const;

export function checkRules(rules: RulesShape, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });
  const classes = new Set(Object.keys(rules.lexicon));
  const phrase = (text: string, path: Path): PhraseSeq | null => {
    const parsed = parsePhrase(text);
    if (!parsed.ok) {
      issue(path, parsed.message);
      return null;
    }
    for (const name of classRefs(parsed.seq)) if (!classes.has(name)) issue(path, `unknown word class [${name}]`);
    return parsed.seq;
  };

  // Record keys are checked here: zod reports a bad key without the reason.
  for (const name of classes) if (!/^[a-z][a-z0-9_]{0,31}$/.test(name)) issue(["lexicon", name], "class names are lower-case letters, digits and _");
  for (const word of Object.keys(rules.misspellings)) if (!/^[a-z0-9][a-z0-9'-]{0,39}$/.test(word)) issue(["misspellings", word], "a single lower-case word");

  const refs = new Map<string, Set<string>>();
  for (const [name, entries] of Object.entries(rules.lexicon)) {
    const used = new Set<string>();
    entries.forEach((entry, j) => {
      const seq = phrase(entry, ["lexicon", name, j]);
      if (seq) classRefs(seq, used);
    });
    refs.set(name, used);
  }
  for (const name of classes) if (reaches(name, name, refs, new Set())) issue(["lexicon", name], `class [${name}] refers to itself`);

  for (const list of CUE_PHRASE_LISTS) {
    const entries = rules.cues[list];
    if (Array.isArray(entries)) entries.forEach((entry: string, j) => phrase(entry, ["cues", list, j]));
  }

  const categoryIds = new Set<string>();
  const ruleIds = new Set<string>();
  const uniqueRule = (id: string | undefined, path: Path) => {
    if (id === undefined) return;
    if (ruleIds.has(id)) issue(path, `duplicate rule id "${id}"`);
    ruleIds.add(id);
  };
  rules.categories.forEach((category, i) => {
    const at = (...rest: Path): Path => ["categories", i, ...rest];
    if (categoryIds.has(category.id)) issue(at("id"), `duplicate category id "${category.id}"`);
    categoryIds.add(category.id);
    if (category.phrases.length + category.patterns.length === 0) issue(at("phrases"), "a category needs at least one phrase or pattern");
    category.phrases.forEach((rule, j) => {
      uniqueRule(rule.id, at("phrases", j, "id"));
      phrase(rule.phrase, at("phrases", j, "phrase"));
    });
    category.patterns.forEach((rule, j) => {
      uniqueRule(rule.id, at("patterns", j, "id"));
      const problem = checkPattern(rule.pattern);
      if (problem) issue(at("patterns", j, "pattern"), problem);
    });
    category.idioms.forEach((idiom, j) => phrase(idiom, at("idioms", j)));
    category.intensifiers.forEach((cue, j) => phrase(cue, at("intensifiers", j)));
  });
}

function reaches(from: string, target: string, refs: Map<string, Set<string>>, seen: Set<string>): boolean {
  for (const next of refs.get(from) ?? []) {
    if (next === target) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    if (reaches(next, target, refs, seen)) return true;
  }
  return false;
}
