// The safety rule set as admins edit it in the console: versioned JSON, validated here (with field
// paths) before it is saved, published or compiled. Z<Name> is the schema, T<Name> its type.
import { z } from "zod";
import { ZSeverity } from "../severity.ts";
import { checkRules } from "./check.ts";

const ZSlug = z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/, "lower-case letters, digits and _, starting with a letter");
const ZRuleId = z.string().trim().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, "lower-case letters, digits, _ . and -");
const ZPhrase = z.string().trim().toLowerCase().min(1, "must not be empty").max(400, "at most 400 characters");
const ZWord = z
  .string()
  .trim()
  .toLowerCase()
  .max(40)
  .regex(/^[a-z0-9*][a-z0-9'*-]*$/, "a single word (letters, digits, ' and -)");

/** Per-rule switches; left out, the category's `cues` decide. */
const ruleFlags = {
  negatable: z.boolean().optional(),
  framable: z.boolean().optional(),
  historical: z.boolean().optional(),
};

export const ZPhraseRule = z.object({ id: ZRuleId.optional(), phrase: ZPhrase, severity: ZSeverity, ...ruleFlags });
export type TPhraseRule = z.infer<typeof ZPhraseRule>;

export const ZPatternRule = z.object({
  id: ZRuleId.optional(),
  pattern: z.string().min(1, "must not be empty").max(500, "at most 500 characters"),
  severity: ZSeverity,
  ...ruleFlags,
});
export type TPatternRule = z.infer<typeof ZPatternRule>;

export const ZCategoryCues = z.object({
  /** A negation cue right before (or inside) a match cancels it: "I'm not going to…". */
  negation: z.boolean().default(true),
  /** Quoted speech of someone else, fiction and news framing cancel a match. */
  framing: z.boolean().default(true),
  /** Distant-past cues ("years ago", "used to") cancel a match unless it came back ("again"). */
  historical: z.boolean().default(true),
  /** Where a fiction cue counts: its sentence, or the whole message (game talk: "The troll… I kill him"). */
  fictionScope: z.enum(["sentence", "message"]).default("sentence"),
});

export const ZCategory = z.object({
  id: ZSlug,
  kind: z.enum(["crisis", "content"]),
  label: z.string().trim().min(1).max(80),
  enabled: z.boolean().default(true),
  cues: ZCategoryCues.prefault({}),
  phrases: z.array(ZPhraseRule).max(400).default([]),
  patterns: z.array(ZPatternRule).max(100).default([]),
  /** A match overlapping one of these in its sentence is an idiom, not a signal ("dying to try it"). */
  idioms: z.array(ZPhrase).max(200).default([]),
  /** Plan, means or timing cues anywhere in the text raise a signal's severity one step. */
  intensifiers: z.array(ZPhrase).max(100).default([]),
});
export type TCategory = z.infer<typeof ZCategory>;

export const ZCueLists = z.object({
  negation: z.array(ZPhrase).min(1).max(200),
  /** Look like negation, are not: "can't stop", "not gonna lie", "not sure". */
  negationExceptions: z.array(ZPhrase).max(200).default([]),
  /** Words allowed between a negation cue and the match it cancels ("not *going to* kill myself"). */
  negationFillers: z.array(ZWord).max(200).default([]),
  negationMaxGap: z.number().int().min(0).max(6).default(4),
  /** "what should I do if someone…": the sentence asks about a situation, it does not report one. */
  hypothetical: z.array(ZPhrase).max(100).default([]),
  historical: z.array(ZPhrase).max(200).default([]),
  /** Cancel a historical cue in the same sentence: "again", "lately", "last night". */
  recent: z.array(ZPhrase).max(100).default([]),
  fiction: z.array(ZPhrase).max(400).default([]),
  /** In-world beings and things (goblin, dragon, potion): fiction for categories whose fictionScope is "message". */
  worldEntities: z.array(ZPhrase).max(400).default([]),
  /** Cancel a fiction cue in the same sentence: "for real", "not in the game", "irl". */
  reality: z.array(ZPhrase).max(100).default([]),
  /** Verbs that attribute a quote to a speaker: says, whispers, sings, reads… */
  speech: z.array(ZPhrase).max(100).default([]),
  /** Speakers whose quoted words are the player's own: "I said…", "I keep telling myself…". */
  firstPerson: z.array(ZPhrase).max(50).default(["i"]),
});
export type TCueLists = z.infer<typeof ZCueLists>;

export const ZSafetyRules = z
  .object({
    schemaVersion: z.literal(1),
    version: z.string().trim().min(1).max(40),
    description: z.string().trim().max(500).default(""),
    escalation: z.object({ minSeverity: ZSeverity.default("medium") }).prefault({}),
    /** Named word classes, used in phrases as [name]. */
    lexicon: z.record(z.string(), z.array(ZPhrase).min(1).max(300)).default({}),
    /** Canonical word -> misspellings, applied wherever the word appears in a phrase. */
    misspellings: z.record(z.string(), z.array(ZWord).min(1).max(40)).default({}),
    /** Words that also match every spelling one slip away (a dropped or swapped letter). */
    fuzzy: z.array(ZWord).max(300).default([]),
    cues: ZCueLists,
    categories: z.array(ZCategory).min(1).max(40),
  })
  .superRefine(checkRules);
export type TSafetyRules = z.infer<typeof ZSafetyRules>;
export type TSafetyRulesInput = z.input<typeof ZSafetyRules>;
