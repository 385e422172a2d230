// Clinical signals as model features, designed from the published structure of each crisis
// (shared/CRISIS-SIGNALS.md), not from example messages: the C-SSRS ladder (passive wish, active
// thought, method and means, intent or plan, place, time, preparation and goodbyes, act in
// progress), Joiner's burdensomeness and not belonging, NSSI acts, concealment and relapse, attack
// pathway (intent, weapon, target), the infant-crying trigger, abuse act / perpetrator / secrecy
// and threats / danger now, and medical symptom clusters; then the false-alarm frames of section 6
// (negation, fiction and game, hyperbole, academic or news talk, distant past). Each is one weight
// per category in the model: the regexes only say "this kind of thing is here", the training
// corpus decides how much it counts and when. Chunk text: lower case, words joined by one space,
// no apostrophes ("dont", "im").
import { buildAnchorIndex } from "./signal-anchors.ts";
import type { Chunk } from "./tokens.ts";

const SIGNALS = {
  passive_wish: /\b(wish|hope|pray|want) (i|id|to) (was|were|could|would|be|just)? ?(dead|die|not wake|never wake|disappear|not exist|stop existing|never been born|vanish)|\bnot (wake|waking) up\b|\bnever (been )?born\b|\bbetter off dead\b|\b(hit by|crash|accident).{0,30}\b(hope|wish|wouldnt mind)|\b(hope|wish|wouldnt mind).{0,30}\b(hit by|crash|accident)\b|\bdont want to (be here|exist|wake up)\b/,
  active_thought: /\b(kill|killing|end|ending|take|taking) (myself|my self|my life|my own life|it all|everything)\b|\bsuicid|\bkms\b|\bunalive|\bsewer ?slide|\bctb\b|\bdont want to (live|be alive)|\bno (reason|point) (to|in) (live|living|being alive|go on|going on)|\bwant to die\b|\bwanna die\b|\bready to die\b/,
  method_means: /\b(pills?|tablets?|overdose|od|rope|noose|hang|hanging|gun|pistol|firearm|blades?|razors?|bleach|antifreeze|painless|paracetamol|tylenol|ibuprofen|acetaminophen|sleeping pills|exhaust|carbon monoxide|\d+ ?mg|bottle of|jump|jumping|drown|train|tracks)\b|\u{1F48A}/u,
  intent_plan: /\b(going to|gonna|will|decided|plan|planned|planning|ready to|made up my mind|the date|im doing it|its happening)\b/,
  timeline: /\b(tonight|tomorrow|this weekend|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|right now|today|after (school|everyone|they)|when (everyone|they) (is|are) asleep|before (my|the) (birthday|exam|christmas)|at \d|by (friday|monday|the end))\b/,
  place: /\b(bridge|roof|rooftop|cliff|edge|ledge|tracks|garage|bathtub|balcony|top floor|car park|motorway|overpass)\b/,
  preparation_goodbye: /\b(goodbye|bye forever|last message|suicide note|wrote (a|my) (note|letter)|giving away|gave away|give away my|my will|wont be (around|here)|take care of my|tell (my )?(mum|mom|dad|them) i love|last time|for the last|see you never|log ?out (for good|forever)|delete my (save|account|character)|final (quest|goodbye|message)|sorry for everything|its been (fun|nice|real))\b/,
  act_in_progress: /\b(i|ive|just|already) (took|swallowed|taken|drank) |\b(im|i am) (on|at|standing on) the (bridge|roof|edge|ledge|tracks)|\bits done\b|\bdoing it now\b|\bcar (is )?running\b/,
  burden: /\bburden|\bbetter off without me\b|\b(relieved|happier|easier) (if|without|when) i\b|\b(nobody|no one|noone) (would|will|even)? ?(miss|care|notice)|\bwould (anyone|they|you) (miss|care|notice)|\b(dont|never) belong|\btrapped\b|\bno way out\b|\bhopeless\b|\bworthless\b|\bno future\b/,
  nssi_act: /\b(cut|cutting|cuts|burn|burned|burnt|burning|carve|carved|carving|scratch|scratched|scratching|bite|bit|biting|hit|hitting|punch|punched|bang|banged|banging|stab|stabbed|hurt|hurting) (myself|my (arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|hand|hands|head))|\bsh(d|ed)?\b|\bself ?harm|\bpins? (in|into) my|\bmade myself bleed|\b(pick|picking|reopen|reopened) (my )?(scabs|wounds|cuts)|\bhead (against|into) the wall/,
  nssi_conceal_relapse: /\brelaps|\bdays clean\b|\bclean (for|streak)\b|\blong sleeves\b|\bhid(e|ing)? (the |my )?(cuts|scars|marks|blades)|\bbandages?\b|\bbought (new )?(blades|razors)|\bsharpener\b|\bscars?\b|\bfresh (cuts|marks)\b/,
  bleeding_now: /\b(wont|cant|doesnt|isnt) stop(ping)? bleeding|\bblood everywhere\b|\bbleeding (a lot|badly|everywhere|through)|\bsoaked (through|in blood)|\bspurting|\bgaping\b|\bsee (the )?fat\b|\bneed(s)? stitches\b|\btoo deep\b/,
  harm_intent: /\b(going to|gonna|want to|wanna|will|plan to|planning to) (kill|hurt|stab|shoot|beat|burn|poison|strangle|smother|choke|make) (him|her|them|everyone|the|my|his|people|all|that)|\bmake (them|him|her|everyone) (all )?pay\b|\b(hit )?list of (people|names)\b|\b(theyll|theyre going to|he will|she will) regret\b|\bdeserve to die\b|\bshoot up\b/,
  weapon: /\b(gun|guns|rifle|shotgun|pistol|ammo|bullets|bomb|explosive|explosives|petrol|gasoline|lighter|knife|knives|machete|bat|crossbow)\b/,
  real_target: /\b(school|class|classmates|teacher|teachers|brother|sister|sibling|baby|neighbour|neighbor|boss|my ex|cafeteria|assembly|office|coworkers|stepdad|stepmom|his house|her house|their house)\b/,
  infant_trigger: /\bbaby\b.{0,40}\b(crying|cries|screaming|wont stop)|\b(shake|shaking|throw|hit|smother) (him|her|the baby|it)\b.{0,30}\b(cry|crying|stop)|\bwant to (shake|throw|hit) (him|her|the baby)\b/,
  abuse_act: /\btouch(es|ed|ing)? (me|my)\b|\bprivate (parts|places)\b|\bmakes me (touch|undress|take off)|\b(comes|came|climbs) (in|into) (my )?(room|bed)|\b(hits|hit|beats|beat|chokes|choked|strangled|strangles|kicks|kicked|slaps|slapped|punches|punched) me\b|\bforced me\b|\brape|\bmolest|\bgrabbed (me|my)\b|\bpinned me\b/,
  perpetrator: /\b(uncle|stepdad|step dad|stepfather|stepmom|stepmum|my dad|my father|my mum|my mom|mums boyfriend|moms boyfriend|my boyfriend|my husband|my partner|coach|babysitter|cousin|grandpa|granddad|neighbour|neighbor|he|she)\b/,
  secrecy_threat: /\b(our|a|its) secret\b|\b(dont|not to|never) tell\b|\b(nobody|no one|noone) (will|would) believe\b|\bif i tell\b|\bthreaten(s|ed)? (to|me)\b|\b(send|sent) (him|her|them)? ?(pics|pictures|photos|nudes)|\b(share|post|leak) my (pics|pictures|photos)\b|\bchecks my phone\b|\btracks my\b|\bwont let me (see|go|leave|eat|have)|\btakes my (money|phone)\b|\bkill (me|us|my|the dog|my dog)\b/,
  danger_now: /\b(at|outside) (the|my) (door|room|window|house)\b|\bbanging on\b|\bhiding (in|under)\b|\blocked (myself )?in\b|\b(hes|shes|theyre) (coming|back|here|drunk)\b|\bcant (talk|speak)\b|\bif i stop (replying|answering)\b|\bhas a (knife|gun)\b|\bthreatened to kill\b|\bcall (the )?police\b/,
  med_consciousness: /\bcollaps|\bunconscious|\b(wont|cant|not) (wake|waking|respond|responding)|\bunresponsive\b|\bpassed out\b|\bfainted\b|\bnot breathing\b|\bbreathing (weird|strange|funny|slow|slowly)|\bgasping\b|\bblue (lips|face)\b|\blips (are )?(blue|purple)\b|\blimp\b|\bfloppy\b/,
  med_stroke: /\bdroop|\bslurr|\bcant (lift|move) (his|her|my) (arm|leg)\b|\bone side\b|\bnumb (on|down) one\b|\b(suddenly|sudden) (cant see|confused|blind|dizzy)|\bdouble vision\b|\bworst headache\b/,
  med_cardio_airway: /\bchest (pain|pressure|tight|hurts|is tight)|\bpain (in|down) (my |his |her )?(left )?arm\b|\bjaw\b|\b(cant|cannot|struggling to|hard to) breathe\b|\bwheez|\bthroat (is )?(swelling|closing|tight)|\b(tongue|lips|face) (is )?(swelling|swollen)|\banaphyla|\bepi ?pen\b/,
  med_seizure: /\bseizur|\bfitting\b|\bconvuls|\bhaving a fit\b|\bshaking (and|all over)\b.{0,20}\b(wont stop|cant stop|eyes)/,
  med_head: /\b(hit|banged|bumped|smashed) (his|her|my|their) head\b|\bhead injury\b|\bconcuss|\b(vomiting|throwing up|threw up|thrown up|sick) (since|after|twice|again)|\bpupils\b|\bclear fluid\b/,
  med_ingestion: /\bswallowed\b|\b(ate|eaten|drank|drunk) (a |some |the |half )?(pills|tablets|detergent|pod|battery|bleach|antifreeze|medicine|cleaner)|\bbutton batter|\b(tide|laundry|detergent) pod|\btook (\d+|a lot of|all|the whole|a handful|loads)|\boverdos|\bmixed .{0,20}(alcohol|vodka|drink|wine|beer)|\b(xanax|benzos?|oxy|fentanyl|opioids?|valium|diazepam|oxycodone|morphine|codeine)\b/,
  med_diabetic: /\bblood sugar\b|\bhypo\b|\bdka\b|\bdiabetic\b|\binsulin\b|\bketones?\b|\bfruity breath\b|\bpear drop/,
  med_vulnerable: /\b(baby|infant|toddler|newborn|pregnant|months old|year old|grandma|grandpa|nan)\b/,
  urgency: /\b(right now|help|hurry|911|999|112|ambulance|what do i do|what should i do|please|emergency|asap|quick|urgent)\b/,
  negation_denial: /\b(im|i am) not (going to|gonna|suicidal|planning)|\b(i|id) (would )?never (do|hurt|kill)|\bi (said|answered|told (them|her|him)) no\b|\bnot suicidal\b|\bdont worry im (fine|ok|okay)\b|\bno (thoughts|plans) of\b/,
  fiction_game: /\b(my|the|your) (character|char|villain|hero|npc|boss|dragon|goblin|orc|troll|zombie|knight|wizard|elf|mage|party)\b|\bin the (game|story|book|movie|show|film|novel|episode|series|quest|dungeon)\b|\b(roleplay|rp|fanfic|chapter|plot|poem|lyrics|song|dnd|respawn|npc|hp|xp|boss fight|level \d+)\b/,
  game_command: /^(attack|kill|stab|slay|cast|use|equip|go|look|take|drop|open|talk|north|south|east|west|inventory|shoot|fight|throw|drink|eat|climb|jump|search|examine)\b/,
  hyperbole: /\b(dying|died|dead|dies) (of|from|laughing)\b|\blol\b|\blmao\b|\blmfao\b|\u{1F602}|\u{1F923}|\u{1F480}|\bkilling me\b|\bim dead\b|\bliterally (dying|dead)\b|\bso funny\b|\bjk\b|\bkidding\b/u,
  academic_news: /\b(essay|research|article|news|report|assignment|statistics|documentary|history|definition|homework|lecture|course|study|survey|campaign|awareness)\b|^(what|how|why) (is|are|does|do)\b/,
  distant_past: /\b(years ago|used to|when i was (little|younger|a kid|\d+)|back then|recovered|in recovery|in the past|\d+ years clean|therapy helped|got better)\b/,
} as const;

export type SignalName = keyof typeof SIGNALS;
export const SIGNAL_NAMES = Object.keys(SIGNALS) as SignalName[];
// Each regex is tested on one chunk's text (no newline in it: `^` is the chunk start), and only
// when the chunk's words hold one of its anchor words (signal-anchors.ts).
const PATTERNS = Object.values(SIGNALS) as RegExp[];
const ANCHORS = buildAnchorIndex(SIGNAL_NAMES);

/** Per chunk, the ids (indices into SIGNAL_NAMES) of the signals it shows, in id order. */
export function chunkSignals(list: readonly Chunk[]): number[][] {
  const stamp = new Int32Array(PATTERNS.length).fill(-1);
  const out: number[][] = new Array(list.length);
  for (let c = 0; c < list.length; c++) {
    const { words, text } = list[c]!;
    let any = markIds(stamp, c, words.length > 0 ? ANCHORS.first.get(words[0]!) : undefined);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      any = markIds(stamp, c, ANCHORS.words.get(w)) || any;
      const c0 = w.charCodeAt(0);
      if (c0 >= 48 && c0 <= 57) any = markIds(stamp, c, ANCHORS.digit) || any;
      if (w.length < 2) continue;
      const prefixes = ANCHORS.prefixes.get((c0 << 16) | w.charCodeAt(1));
      if (prefixes) for (const [prefix, ids] of prefixes) if (w.startsWith(prefix)) any = markIds(stamp, c, ids) || any;
    }
    const found: number[] = [];
    if (any) for (let id = 0; id < PATTERNS.length; id++) if (stamp[id] === c && PATTERNS[id]!.test(text)) found.push(id);
    out[c] = found;
  }
  return out;
}

function markIds(stamp: Int32Array, chunk: number, ids: readonly number[] | undefined): boolean {
  if (ids === undefined) return false;
  for (let k = 0; k < ids.length; k++) stamp[ids[k]!] = chunk;
  return true;
}

/** The regexes alone over each chunk (no prefilter): what chunkSignals must equal, for its test. */
export function chunkSignalsUnfiltered(texts: readonly string[]): number[][] {
  return texts.map((text) => PATTERNS.flatMap((re, id) => (re.test(text) ? [id] : [])));
}
