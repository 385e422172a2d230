// Rule set -> precompiled matchers. Validates first (a rule set that does not parse throws
// SafetyRulesError with field paths), then compiles each rule to its own regex plus the literal
// sets that must be present for it to match (checked for all rules at once by a LiteralMatcher).
import { expandPhrase } from "../phrase/expand.ts";
import { necessaryLiteralSets } from "../phrase/literals.ts";
import { phraseSource, type PhraseContext } from "../phrase/to-regex.ts";
import type { TCategory, TSafetyRules } from "../rules/schema.ts";
import { parseSafetyRules } from "../rules/validate.ts";
import { severityRank } from "../severity.ts";
import { LiteralMatcher } from "./literal-matcher.ts";
import { Prefilter } from "./prefilter.ts";
import { containsNegation } from "./negation-in-phrase.ts";
import { anyPhrase, mustParse, phraseContext } from "./phrase-context.ts";
import type { CompiledCategory, CompiledCues, CompiledPart, CompiledRule, CompiledSafetyRules } from "./types.ts";

export function compileSafetyRules(input: unknown): CompiledSafetyRules {
  const rules = parseSafetyRules(input);
  const ctx = phraseContext(rules);
  const cues = compileCues(rules, ctx);
  const items = new ItemRegistry();
  const categories = rules.categories.filter((c) => c.enabled).map((c) => compileCategory(c, ctx, cues, items));
  const parts = categories.flatMap((category) => category.rules.flatMap((rule) => rule.parts.map((part) => ({ category, rule, part }))));
  parts.sort((a, b) => a.part.id - b.part.id);
  return { version: rules.version, minEscalation: rules.escalation.minSeverity, cues, categories, prefilter: items.prefilter(), parts };
}

function compileCues(rules: TSafetyRules, ctx: PhraseContext): CompiledCues {
  const c = rules.cues;
  return {
    negation: anyPhrase(c.negation, ctx)!,
    negationExceptions: anyPhrase(c.negationExceptions, ctx),
    fillers: new Set(c.negationFillers.map((w) => w.replace(/'/g, ""))),
    maxGap: c.negationMaxGap,
    hypothetical: anyPhrase(c.hypothetical, ctx),
    historical: anyPhrase(c.historical, ctx),
    recent: anyPhrase(c.recent, ctx),
    fiction: anyPhrase(c.fiction, ctx),
    worldEntities: anyPhrase(c.worldEntities, ctx),
    reality: anyPhrase(c.reality, ctx),
    speech: anyPhrase(c.speech, ctx),
    firstPerson: anyPhrase(c.firstPerson, ctx),
  };
}

type RuleFlags = { negatable?: boolean | undefined; framable?: boolean | undefined; historical?: boolean | undefined };

function compileCategory(category: TCategory, ctx: PhraseContext, cues: CompiledCues, items: ItemRegistry): CompiledCategory {
  const flags = (rule: RuleFlags, text: string) => ({
    // A phrase that carries its own negation ("don't want to live") is not cancelled by it.
    negatable: rule.negatable ?? (category.cues.negation && !containsNegation(cues, text)),
    framable: rule.framable ?? category.cues.framing,
    historical: rule.historical ?? category.cues.historical,
  });
  const rules: CompiledRule[] = [
    ...category.phrases.map((rule, j) => {
      const seq = mustParse(rule.phrase);
      return {
        id: rule.id ?? `${category.id}.p${j}`,
        severity: rule.severity,
        ...flags(rule, rule.phrase),
        parts: expandPhrase(seq, ctx).map((part) => items.part(new RegExp(phraseSource(part, ctx), "g"), necessaryLiteralSets(part, ctx))),
      };
    }),
    ...category.patterns.map((rule, j) => ({
      id: rule.id ?? `${category.id}.r${j}`,
      severity: rule.severity,
      ...flags(rule, ""),
      parts: [items.part(new RegExp(rule.pattern, "g"), [])],
    })),
  ];
  rules.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return {
    id: category.id,
    kind: category.kind,
    label: category.label,
    rules,
    idioms: anyPhrase(category.idioms, ctx),
    intensifiers: anyPhrase(category.intensifiers, ctx),
    fictionScope: category.cues.fictionScope,
  };
}

/** Numbers the parts and their literal sets (identical sets share one id) for the Prefilter. */
class ItemRegistry {
  private readonly ids = new Map<string, number>();
  private readonly literals = new Map<string, number[]>();
  private readonly parts: number[][] = [];

  part(regex: RegExp, sets: string[][]): CompiledPart {
    const items = sets.map((set) => this.id(set));
    this.parts.push(items);
    return { id: this.parts.length - 1, regex, items };
  }

  private id(set: string[]): number {
    const key = [...set].sort().join("\u0000");
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      for (const literal of set) this.literals.set(literal, [...(this.literals.get(literal) ?? []), id]);
    }
    return id;
  }

  prefilter(): Prefilter {
    return new Prefilter(new LiteralMatcher(this.literals, this.ids.size), this.parts, this.ids.size);
  }
}
