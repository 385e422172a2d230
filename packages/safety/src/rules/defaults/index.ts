// The rule set a fresh install starts with. Admins edit a copy in the console; publishing it
// creates a new version.
import type { TSafetyRulesInput } from "../schema.ts";
import { ABUSE_DISCLOSURE } from "./abuse-disclosure.ts";
import { HARASSMENT_HATE, SELF_HARM_ENCOURAGEMENT, SEXUAL_MINORS, VIOLENT_THREAT } from "./content-safety.ts";
import { CUES } from "./cues.ts";
import { HARM_TO_OTHERS } from "./harm-to-others.ts";
import { FUZZY, LEXICON, MISSPELLINGS } from "./lexicon.ts";
import { MEDICAL_EMERGENCY } from "./medical-emergency.ts";
import { SELF_HARM } from "./self-harm.ts";
import { SUICIDAL_IDEATION } from "./suicidal-ideation.ts";

export const CRISIS_CATEGORIES = ["suicidal_ideation", "self_harm", "harm_to_others", "abuse_disclosure", "medical_emergency"] as const;
export const CONTENT_CATEGORIES = ["harassment_hate", "self_harm_encouragement", "sexual_minors", "violent_threat"] as const;

export const DEFAULT_SAFETY_RULES: TSafetyRulesInput = {
  schemaVersion: 1,
  version: "default-1",
  description: "Default crisis, content-safety rules for TTA players (English).",
  escalation: { minSeverity: "medium" },
  lexicon: LEXICON,
  misspellings: MISSPELLINGS,
  fuzzy: FUZZY,
  cues: CUES,
  categories: [SUICIDAL_IDEATION, SELF_HARM, HARM_TO_OTHERS, ABUSE_DISCLOSURE, MEDICAL_EMERGENCY, HARASSMENT_HATE, SELF_HARM_ENCOURAGEMENT, SEXUAL_MINORS, VIOLENT_THREAT],
};
