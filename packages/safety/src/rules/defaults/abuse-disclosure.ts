// Disclosures of abuse. A disclosure about the past is still a disclosure: the distant-past cue
// does not cancel it. Siblings count only for repeated acts ("hits me"), not a one-off shove.
import type { CategoryInput } from "./category-input.ts";

const ADULT_ACTS =
  "(hit+|beat|beats|beating|beaten|punch+|slap+|kick+|choke+|strangl+|burn+|burnt|abus+|touch+|molest+|rape+|whip+|starv+|hurt+|attack+|assault+|beat up|threaten+ to (kill|hurt|beat))";
const REPEATED_ACTS = "(hits|hit's|beats|punches|slaps|kicks|chokes|strangles|burns|hurts|abuses|touches|molests|rapes|whips|bites|starves|locks|attacks)";

export const ABUSE_DISCLOSURE: CategoryInput = {
  id: "abuse_disclosure",
  kind: "crisis",
  label: "Abuse disclosure",
  cues: { historical: false, fictionScope: "message" },
  phrases: [
    { phrase: `[abuser_adult] [often]? ${ADULT_ACTS} (me|us)`, severity: "high" },
    { phrase: `[abuser] [often]? ${REPEATED_ACTS} (me|us)`, severity: "high" },
    { phrase: "[abuser] [often]? (did|does|do|has done|keeps doing) (things|stuff|something|bad things|sexual things) to (me|us)", severity: "high" },
    { phrase: "[abuser] [often]? (lock+|locked) (me|us) (in|out|inside|up)", severity: "high" },
    { phrase: "[abuser] [often]? (throw+|threw) (things|stuff|plates|bottles|objects|shoes|chairs) at (me|us)", severity: "high" },
    { phrase: "(i'm|i am|im|i was|i've been|ive been|been|being|i get|i got|i'm getting|get|got) (being )?(abused|raped|molested|sexually assaulted|assaulted|groomed|trafficked|beaten up|beaten at home|beaten every|beaten by (my|him|her|them))", severity: "high" },
    { phrase: "(scared|afraid|terrified|frightened) (to go|of going) (back )?home", severity: "high" },
    { phrase: "(said|says|threatened|threatens|told me) ~3 (kill|hurt|beat) (me|us) (if|when) i (tell|told|say|talk|speak)", severity: "high" },
    { phrase: "(ask+|want+|make+|made|keeps asking|force+|pressur+) me to send ~2 (nudes|naked pictures|pictures of (myself|me|my body)|pics of (myself|me|my body)|photos of (myself|me|my body))", severity: "high" },
    { phrase: "(force+|make+|made|pressur+) (me|us) (to )?(do (things|stuff|sexual things)|have sex|touch (him|her|them)|watch porn)", severity: "high" },
    { phrase: "[abuser] (won't|doesn't|does not|will not|never|don't|do not) (let|allow) me (to )?(eat|sleep|leave the house|leave|see my friends|call anyone|talk to anyone|go to school)", severity: "medium" },
    { phrase: "[abuser] (won't|doesn't|don't|do not|does not|never) feed (me|us)", severity: "high" },
    { phrase: "(bruise|bruises|marks|scars) (from|because of|after) [abuser]", severity: "medium" },
    { phrase: "[abuser] (left|leaves|gave me) (bruises|marks|scars|a black eye)", severity: "medium" },
    { phrase: "not allowed to tell (anyone|anybody|people|my teacher|the police) ~3 (what happens|what goes on|about) ~3 (home|house|at night)", severity: "medium" },
    { phrase: "(touched|touches) me (inappropriately|down there|where|in places|at night|when)", severity: "high" },
  ],
  idioms: [
    "(hits|hit|throws|threw) (me|us) (with )?(a )?(pillow|pillows|snowball|snowballs|water balloons|toys|foam|ball)",
    "(when|while) we (play|wrestle|are playing|were playing|play fight)",
    "play (fight|fighting|wrestling)",
    "(beat|beats|beaten|beating) ~4 (at|in) [competition]",
    "touch+ my (heart|soul)",
    "hurt+ my feelings",
  ],
  intensifiers: ["(every day|every night|again|tonight|scared|blood|bleeding|can't walk|couldn't walk|hospital)"],
};
