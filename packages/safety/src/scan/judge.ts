// Decides whether a phrase match in normalized text is a signal, or why it is not: an idiom, a
// negation aimed at it, a hypothetical question, a distant past, someone else's quoted words, or
// fiction. Runs only for matches, so it may look around freely.
import type { CompiledCategory, CompiledCues, CompiledRule } from "../compile/types.ts";
import { hasMatch, findAll as spans } from "../text/find-all.ts";
import { clauseAt, quoteAround, sentenceAt, type Span } from "../text/spans.ts";

export type Suppression = "idiom" | "negated" | "hypothetical" | "historical" | "quoted" | "fiction";

const WORDS = /[a-z0-9']+/g;

/** Per text, the answers that do not depend on where the match is (computed once, lazily). */
export class TextFacts {
  private framedWhole: boolean | undefined;
  constructor(readonly text: string) {}

  /** A fiction cue or an in-world being anywhere, and no reality cue anywhere. */
  framedAsAWhole(cues: CompiledCues): boolean {
    this.framedWhole ??=
      ((cues.fiction !== null && hasMatch(cues.fiction, this.text)) || (cues.worldEntities !== null && hasMatch(cues.worldEntities, this.text))) &&
      !(cues.reality !== null && hasMatch(cues.reality, this.text));
    return this.framedWhole;
  }
}

export function judgeMatch(facts: TextFacts, match: Span, rule: CompiledRule, category: CompiledCategory, cues: CompiledCues): Suppression | null {
  const text = facts.text;
  const sentence = sentenceAt(text, match.start);
  if (category.idioms && overlaps(category.idioms, text, sentence, match)) return "idiom";
  if (rule.negatable && negated(text, match, cues)) return "negated";
  if (cues.hypothetical && found(cues.hypothetical, text, sentence.start, match.start)) return "hypothetical";
  if (rule.historical && cues.historical) {
    const clause = clauseAt(text, match.start, match.end);
    if (found(cues.historical, text, clause.start, clause.end) && !(cues.recent && found(cues.recent, text, sentence.start, sentence.end))) return "historical";
  }
  if (rule.framable) {
    if (quotedBySomeoneElse(text, match, cues)) return "quoted";
    if (category.fictionScope === "message") {
      if (facts.framedAsAWhole(cues)) return "fiction";
    } else if (cues.fiction && found(cues.fiction, text, sentence.start, sentence.end) && !(cues.reality && found(cues.reality, text, sentence.start, sentence.end))) {
      return "fiction";
    }
  }
  return null;
}

function negated(text: string, match: Span, cues: CompiledCues): boolean {
  const clause = clauseAt(text, match.start, match.end);
  const region = text.slice(clause.start, match.end);
  const exceptions = cues.negationExceptions ? spans(cues.negationExceptions, region) : [];
  for (const cue of spans(cues.negation, region)) {
    if (exceptions.some((e) => e.start < cue.end && cue.start < e.end)) continue;
    const cueEnd = clause.start + cue.end;
    if (clause.start + cue.start >= match.start) return true; // inside the match: "i'm not going to…"
    const between = text.slice(cueEnd, match.start).match(WORDS) ?? [];
    if (between.length <= cues.maxGap && between.every((w) => cues.fillers.has(w.replace(/'/g, "")))) return true;
  }
  return false;
}

/** In quotes attributed to someone other than the player: `the villain says "…"`, `"…" she said`. */
function quotedBySomeoneElse(text: string, match: Span, cues: CompiledCues): boolean {
  const quote = quoteAround(text, match.start, match.end);
  if (!quote) return false;
  const before = text.slice(sentenceAt(text, Math.max(0, quote.start - 1)).start, quote.start);
  const after = text.slice(quote.end, sentenceAt(text, Math.min(text.length - 1, quote.end)).end);
  const speaker = cues.speech ? speakerOf(before, cues.speech, "before") ?? speakerOf(after, cues.speech, "after") : null;
  if (speaker !== null) return !(cues.firstPerson && found(cues.firstPerson, speaker, 0, speaker.length));
  // Unattributed quotes are the player's own words unless the sentence frames them as fiction.
  return cues.fiction !== null && (found(cues.fiction, before, 0, before.length) || found(cues.fiction, after, 0, after.length));
}

/** The words naming who speaks: the last few words before the speech verb, or after it ("said he"). */
function speakerOf(context: string, speech: RegExp, side: "before" | "after"): string | null {
  const verbs = spans(speech, context);
  const verb = side === "before" ? verbs.at(-1) : verbs[0];
  if (!verb) return null;
  const lead = (context.slice(0, verb.start).match(WORDS) ?? []).slice(-4).join(" ");
  if (lead || side === "before") return lead;
  return (context.slice(verb.end).match(WORDS) ?? []).slice(0, 2).join(" ");
}

function overlaps(re: RegExp, text: string, scope: Span, match: Span): boolean {
  return spans(re, text.slice(scope.start, scope.end)).some((s) => scope.start + s.start < match.end && match.start < scope.start + s.end);
}

function found(re: RegExp, text: string, start: number, end: number): boolean {
  return spans(re, text.slice(start, end)).length > 0;
}
