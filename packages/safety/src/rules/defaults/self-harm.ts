// Self-harm: cutting, burning, hitting, starving or purging oneself, urges and relapses.
import type { CategoryInput } from "./category-input.ts";

export const SELF_HARM: CategoryInput = {
  id: "self_harm",
  kind: "crisis",
  label: "Self-harm",
  phrases: [
    { phrase: "(cut+|cuttin|slash+|carv+|burn+|burnt|scratch+|hit+|punch+|bite+|bit|bitten|hurt+|harm+|starv+|mutilat+|punish+|stab+|pinch+|bruis+) [self]", severity: "high" },
    { phrase: "(cut+|cuttin|slash+|carv+|burn+|burnt|scratch+|scrap+) ~1 my (wrist|wrists|arm|arms|thigh|thighs|leg|legs|skin|stomach|hip|hips|forearm|forearms|body|wrists)", severity: "high" },
    { phrase: "(blade|razor|knife|lighter|scissors|glass) (to|on|into|across) my (arm|arms|wrist|wrists|thigh|thighs|skin|leg|legs|stomach|body)", severity: "high" },
    { phrase: "(^|[i]) ~2 (self-harm+|selfharm+)", severity: "high" },
    { phrase: "(relaps+|start+|back to|urge|urges|urge to) ~2 (self-harm+|selfharm+|sh|cut+|cutting)", severity: "high" },
    { phrase: "(self-harm+|selfharm+|sh) (urges|urge|again|relapse|thoughts)", severity: "high" },
    { phrase: "(thoughts|urges|urge) (of|about|to) (self-harm+|cut+|hurt+ [self]|burn+ [self])", severity: "high" },
    { phrase: "urge+ to (cut|hurt [self]|self-harm|bleed|burn [self])", severity: "high" },
    { phrase: "(want|wanna|need) to cut (so bad|so badly|again|tonight|right now|deeper|myself|my arms|my wrists)", severity: "high" },
    { phrase: "(been|started|keep|keeps|kept|start+|back to|i) (cut+) (again|a lot|every day|every night|more)", severity: "high" },
    { phrase: "(cut+|hurt+) (too deep|too deeply|deeper)", severity: "high" },
    { phrase: "(only thing|only way) ~4 (is|are) (cutting|hurting [self]|self-harm+|burning [self]|bleeding|pain)", severity: "medium" },
    { phrase: "(fresh|new|deep) (cuts|scars|wounds|burns) (on|all over) my", severity: "medium" },
    { phrase: "my (arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin) ~3 (fresh|new)? (cuts|scars|burns|cutting)", severity: "medium" },
    { phrase: "bang+ my head (against|on|into) ~2 (wall|floor|desk|door)", severity: "medium" },
    { phrase: "make+ [self] (throw up|puke|vomit|sick)", severity: "medium" },
    { phrase: "blood ~4 (from|of) (the|my) (cuts|wounds)", severity: "medium" },
    { phrase: "(deserve|need) to (feel pain|hurt|bleed|suffer|be punished)", severity: "medium" },
  ],
  idioms: [
    "(cut+|burn+|hurt+|scratch+|bit|bite+|hit+) [self] (on|with) (the|a|my) (stove|oven|pan|iron|grill|kettle|paper|fence|nail|door|table|tray)",
    "(cut+|burn+|hurt+|scratch+|bit|bite+|hit+) [self] ~1 (while|when) (cooking|shaving|chopping|baking|ironing|gardening|making|opening|playing|running|climbing|falling|skating)",
    "(cut+|burn+|hurt+|scratch+) [self] (cooking|shaving|chopping|baking|ironing|making|opening|falling|tripping|slipping|playing|running|lifting|laughing|at the gym|working out)",
    "(accidentally|by accident|on accident|accidently) ~2 (cut+|burn+|hurt+|hit+|bit|bite+|scratch+|stab+) [self]",
    "cut+ [self] (a|an|some|another) (slice|piece|bit|portion|break)",
    "(cut+) my (hair|nails|fringe|bangs)",
    "bit my (tongue|lip|nails)",
  ],
  intensifiers: ["(tonight|right now|deeper|razor|blade|on purpose|until (it|i) (bleed|bled|bleeds))"],
};
