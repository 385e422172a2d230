// A word-level prefilter for the clinical signals (signals.ts): per signal, words at least one of
// which every match of its regex contains, so a chunk's regex test runs only when its words hold
// one. "word" is a whole word, "pre*" a word starting so (the regex has no \b there), "^word" the
// chunk's first word (an anchored pattern), "#" a word starting with a digit. One Map lookup per
// word instead of 36 regex passes over the text; the regex still decides (same signals, same
// model). signals.test.ts checks on the training corpus that no match is ever filtered out.
import type { SignalName } from "./signals.ts";

const DIGIT = "#";
const NSSI_VERBS = "cut cutting cuts burn burned burnt burning carve carved carving scratch scratched scratching bite bit biting hit hitting punch punched bang banged banging stab stabbed hurt hurting";

export const SIGNAL_ANCHORS: Record<SignalName, string> = {
  passive_wish: "wish hope pray want wake waking born dead hit crash* accident*",
  active_thought: "kill killing end ending take taking suicid* kms unalive* sewer sewerslide* ctb want reason point wanna ready",
  method_means: "pill pills tablet tablets overdose od rope noose hang hanging gun pistol firearm blade blades razor razors bleach antifreeze painless paracetamol tylenol ibuprofen acetaminophen sleeping exhaust carbon # bottle jump jumping drown train tracks \u{1F48A}",
  intent_plan: "going gonna will decided plan planned planning ready made date doing happening",
  timeline: "tonight tomorrow weekend monday tuesday wednesday thursday friday saturday sunday now today after asleep birthday exam christmas end #",
  place: "bridge roof rooftop cliff edge ledge tracks garage bathtub balcony floor park motorway overpass",
  preparation_goodbye: "goodbye forever last note letter away will wont care love never log logout delete final sorry been",
  act_in_progress: "took swallowed taken drank bridge roof edge ledge tracks done doing running",
  burden: "burden* without relieved happier easier nobody* noone* no would belong* trapped hopeless worthless",
  nssi_act: `${NSSI_VERBS} sh shd shed self selfharm* pin pins made pick picking reopen reopened head`,
  nssi_conceal_relapse: "relaps* days clean sleeves hid hide hiding bandage bandages bought sharpener scar scars fresh",
  bleeding_now: "bleeding* blood soaked spurting* gaping fat stitches deep",
  harm_intent: "kill hurt stab shoot beat burn poison strangle smother choke make list regret deserve",
  weapon: "gun guns rifle shotgun pistol ammo bullets bomb explosive explosives petrol gasoline lighter knife knives machete bat crossbow",
  real_target: "school class classmates teacher teachers brother sister sibling baby neighbour neighbor boss ex cafeteria assembly office coworkers stepdad stepmom house",
  infant_trigger: "baby shake shaking throw hit smother want",
  abuse_act: "touch touches touched touching private makes comes came climbs hits hit beats beat chokes choked strangled strangles kicks kicked slaps slapped punches punched forced rape* molest* grabbed pinned",
  perpetrator: "uncle stepdad dad stepfather stepmom stepmum father mum mom boyfriend husband partner coach babysitter cousin grandpa granddad neighbour neighbor he she",
  secrecy_threat: "secret tell believe threaten threatens threatened send sent share post leak checks tracks let takes kill",
  danger_now: "door room window house banging hiding locked hes shes theyre talk speak replying answering knife gun threatened police",
  med_consciousness: "collaps* unconscious* wake* waking* respond* unresponsive passed fainted breathing gasping blue lips limp floppy",
  med_stroke: "droop* slurr* lift move side numb suddenly sudden vision headache",
  med_cardio_airway: "chest pain jaw breathe wheez* throat tongue lips face anaphyla* epi epipen",
  med_seizure: "seizur* fitting convuls* fit shaking",
  med_head: "head concuss* vomiting throwing threw thrown sick pupils fluid",
  med_ingestion: "swallowed ate eaten drank drunk button tide laundry detergent took overdos* mixed xanax benzo benzos oxy fentanyl opioid opioids valium diazepam oxycodone morphine codeine",
  med_diabetic: "sugar hypo dka diabetic insulin ketone ketones fruity pear",
  med_vulnerable: "baby infant toddler newborn pregnant months year grandma grandpa nan",
  urgency: "now help hurry 911 999 112 ambulance what please emergency asap quick urgent",
  negation_denial: "not never said answered told worry thoughts plans",
  fiction_game: "character char villain hero npc boss dragon goblin orc troll zombie knight wizard elf mage party game story book movie show film novel episode series quest dungeon roleplay rp fanfic chapter plot poem lyrics song dnd respawn hp xp level",
  game_command: "^attack ^kill ^stab ^slay ^cast ^use ^equip ^go ^look ^take ^drop ^open ^talk ^north ^south ^east ^west ^inventory ^shoot ^fight ^throw ^drink ^eat ^climb ^jump ^search ^examine",
  hyperbole: "dying died dead dies lol lmao lmfao \u{1F602} \u{1F923} \u{1F480} killing funny jk kidding",
  academic_news: "essay research article news report assignment statistics documentary history definition homework lecture course study survey campaign awareness ^what ^how ^why",
  distant_past: "years used little younger kid # then recovered recovery past therapy better",
};

export interface AnchorIndex {
  /** Whole word -> signal ids. */
  words: Map<string, number[]>;
  /** First word of a chunk -> signal ids. */
  first: Map<string, number[]>;
  /** The first two code units of a prefix (c0 << 16 | c1) -> [prefix, ids]. */
  prefixes: Map<number, Array<[string, number[]]>>;
  /** Signal ids for a word starting with a digit. */
  digit: number[];
}

export function buildAnchorIndex(names: readonly SignalName[]): AnchorIndex {
  const index: AnchorIndex = { words: new Map(), first: new Map(), prefixes: new Map(), digit: [] };
  const add = (map: Map<string, number[]>, key: string, id: number) => {
    const ids = map.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    map.set(key, ids);
  };
  names.forEach((name, id) => {
    for (const anchor of SIGNAL_ANCHORS[name].split(" ")) {
      if (anchor === DIGIT) index.digit.push(id);
      else if (anchor.startsWith("^")) add(index.first, anchor.slice(1), id);
      else if (anchor.endsWith("*")) {
        const prefix = anchor.slice(0, -1);
        if (prefix.length < 2) throw new Error(`signal anchor ${anchor}: a prefix needs two characters`);
        const key = (prefix.charCodeAt(0) << 16) | prefix.charCodeAt(1);
        const list = index.prefixes.get(key) ?? [];
        const entry = list.find(([p]) => p === prefix);
        if (entry) entry[1].push(id);
        else list.push([prefix, [id]]);
        index.prefixes.set(key, list);
      } else add(index.words, anchor, id);
    }
  });
  return index;
}
