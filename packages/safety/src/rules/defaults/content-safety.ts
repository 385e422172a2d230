// Content safety categories a route can block: harassment and hate, encouraging self-harm, sexual
// content involving minors, violent threats. Patterns stay non-graphic; admins add more in the console.
import type { CategoryInput } from "./category-input.ts";

export const HARASSMENT_HATE: CategoryInput = {
  id: "harassment_hate",
  kind: "content",
  label: "Harassment and hate",
  phrases: [
    { phrase: "(you're|you are|ur|youre) (a|an|such a|so|the)? ~2 (worthless|pathetic|disgusting|useless|stupid|dumb|ugly|retarded)? ~1 (piece of (garbage|trash|shit|crap)|idiot|loser|moron|freak|waste of (space|air|oxygen)|subhuman|animal|trash|garbage)", severity: "medium" },
    { phrase: "(everyone|everybody) hates you", severity: "medium" },
    { phrase: "(nobody|no one|noone) (likes|loves|wants|cares about) you", severity: "medium" },
    { phrase: "(shut up|stfu) ~3 (idiot|stupid|loser|moron|freak)", severity: "low" },
    { phrase: "go back to (your|ur) (own )?(country|home country)", severity: "high" },
    { phrase: "[group] (are|r) ~2 (vermin|animals|subhuman|parasites|cockroaches|rats|a disease|scum|trash|inferior|too dumb|too stupid|not human)", severity: "high" },
    { phrase: "(all|every|those) ~1 [group] (should|must|need to|deserve to|ought to) ~1 (die|be killed|be shot|burn|be deported|be exterminated|be wiped out|be thrown out|be locked up)", severity: "critical" },
  ],
  idioms: [],
  intensifiers: [],
};

export const SELF_HARM_ENCOURAGEMENT: CategoryInput = {
  id: "self_harm_encouragement",
  kind: "content",
  label: "Encouraging self-harm",
  phrases: [
    { phrase: "(kys|kill [yourself]|go die|hang [yourself]|slit your wrists|drink bleach|end [yourself]|unalive [yourself]|off [yourself]|cut [yourself])", severity: "high" },
    { phrase: "you should ~1 (die|just die|not exist|be dead|disappear)", severity: "high" },
    { phrase: "do (everyone|us all|the world|us|me) a (favor|favour) and (die|disappear|kill [yourself]|leave this world|kys)", severity: "high" },
    { phrase: "(nobody|no one|noone) (would|will) ~1 (care|miss you|notice|cry) (if|when) you (died|die|were dead|killed [yourself]|disappeared|were gone)", severity: "high" },
    { phrase: "(nobody|no one|noone) (would|will) miss you", severity: "medium" },
    { phrase: "the world (would be|is|will be) better (off )?without you", severity: "high" },
  ],
  idioms: ["(kill+|killing) yourself (laughing|with work)"],
  intensifiers: [],
};

export const SEXUAL_MINORS: CategoryInput = {
  id: "sexual_minors",
  kind: "content",
  label: "Sexual content involving minors",
  cues: { framing: false },
  phrases: [
    { phrase: "[sexual] ~4 [minor]", severity: "critical" },
    { phrase: "[minor] ~4 [sexual]", severity: "critical" },
  ],
  idioms: ["sex (ed|education)", "(protect+|protection|safety|prevent+|report+|awareness) ~3 [minor]", "[minor] ~3 (safety|protection|abuse prevention)"],
  intensifiers: [],
};

export const VIOLENT_THREAT: CategoryInput = {
  id: "violent_threat",
  kind: "content",
  label: "Violent threats",
  cues: { fictionScope: "message" },
  phrases: [
    { phrase: "i know where you live", severity: "high" },
    { phrase: "(i'm|i am|im) coming for you", severity: "high" },
    { phrase: "watch your back", severity: "medium" },
    { phrase: "(i'll|i will|i'm (going to|gonna)|ima|imma|gonna|i'm coming to) ~2 (find|hunt down|hunt|kill|hurt|shoot|stab|murder|beat|get|end|strangle) you", severity: "high" },
    { phrase: "(you're|you are|ur|youre) (dead|going to die|gonna die|so dead) (when|if|once)", severity: "high" },
    { phrase: "(going to|gonna|will) be a (bomb|shooting|massacre) (at|in)", severity: "critical" },
    { phrase: "(bomb|shoot up|blow up|attack) ~2 (the|this|your|a|my) (school|office|building|mall|church|mosque|synagogue|concert|stadium)", severity: "critical" },
  ],
  idioms: ["dead to me", "(kill+|murder+|destroy+|crush+|beat+|end+) (you|u) (at|in) [competition]"],
  intensifiers: [],
};
