// Intent to harm other people. In-world targets are not people: a game creature anywhere in the
// message ("The troll blocks the bridge. I'm going to kill him.") frames the whole message.
import type { CategoryInput } from "./category-input.ts";

export const HARM_TO_OTHERS: CategoryInput = {
  id: "harm_to_others",
  kind: "crisis",
  label: "Intent to harm others",
  cues: { fictionScope: "message" },
  phrases: [
    { phrase: "(bring+|brought|take+|took|carry+|sneak+) ~3 (gun|guns|knife|knives|weapon|weapons|rifle|pistol|bomb) ~3 (to|into) (school|class|work|the office|church|the mall|campus)", severity: "critical" },
    { phrase: "shoot+ up ~1 (my|the|our|a|this) (school|class|classroom|office|work|mall|church|college|campus)", severity: "critical" },
    { phrase: "[i] ~3 [intent] ~2 (kill+|murder+|shoot+|stab+) ~1 [target]", severity: "high" },
    { phrase: "[i] ~3 ([intent]|[desire]|[thinking]|could|might|would|should|will|gonna|wanna|swear) ~2 [harm_act] ~1 [target]", severity: "high" },
    { phrase: "(i'll|i will|ill|i'd|i would) ~1 [harm_act] ~1 [target]", severity: "high" },
    { phrase: "[i] ~3 ([intent]|[desire]) ~1 make ~1 [target] (all )?(suffer|pay|bleed|regret it)", severity: "medium" },
    { phrase: "(list|names) of (people|names|everyone) ~4 (hurt|kill|shoot|get back at|make pay)", severity: "high" },
    { phrase: "[i] ~3 ([intent]|[desire]|[thinking]) ~1 (set+|setting|burn+ down) ~3 (house|home|car|school|apartment|room|building) (on fire)?", severity: "high" },
    { phrase: "(scared|afraid|worried|terrified) (that )?i ~1 (might|will|could|am going to|'m going to|'m gonna) ~1 (hurt|kill|harm) ~1 [target]", severity: "high" },
  ],
  idioms: ["(kill+|murder+|destroy+|crush+|beat+) [target] (at|in) [competition]", "(kill+|murder+) (it|time|the lights|the vibe|the mood|a (burger|pizza|drink|beer|pint|coffee))", "(i'd|i would) kill for", "(kill+|killing) (him|her|them) with kindness", "(kill+) (him|her|them|someone) (in|at) (chess|fortnite|the game|pvp|a match)"],
  intensifiers: ["(tonight|tomorrow|gun|knife|weapon|while (he|she|they) (sleeps|sleep|is asleep)|plan|list|for real|on monday|on friday)"],
};
