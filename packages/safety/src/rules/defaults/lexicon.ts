// Word classes the default phrases share ([self], [desire], [target]…), misspellings players
// type, and the words that also match one slip away (fuzzy).

const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const LEXICON: Record<string, string[]> = {
  i: ["i", "i'm", "i am", "i've", "i'd", "i'll", "i will", "ima", "imma"],
  i_am: ["i'm", "i am", "i m"],
  adv: ["just", "really", "honestly", "seriously", "literally", "lowkey", "kinda", "kind of", "sort of", "sometimes", "often", "still", "actually", "truly", "tbh", "ngl", "fr", "so", "and", "also", "only", "almost", "totally", "genuinely", "do", "now", "think i", "feel like i", "swear i", "guess i", "know i"],
  desire: ["want to", "want 2", "wanna", "wana", "wanted to", "wish i could", "wish to", "would like to", "feel like", "need to", "have to", "tempted to", "have the urge to", "urge to", "want to just"],
  intent: ["going to", "goin to", "gonna", "gunna", "gona", "will", "about to", "planning (to|on)", "plan to", "ready to", "decided to", "intend to", "finally going to", "gotta"],
  thinking: ["(think+|thought) (about|of|bout|abt)", "consider+", "contemplat*", "fantasi* about", "dream+ (about|of)", "imagin+", "obsess+ (about|over)", "(picture+|visualiz+|visualis+)", "plan+", "research+"],
  self: ["myself", "my self", "meself", "my own self"],
  yourself: ["yourself", "your self", "urself", "ur self", "yoself", "yourselves"],
  drop: ["bridge", "building", "roof", "rooftop", "cliff", "train", "car", "bus", "truck", "balcony", "traffic", "tracks", "tower", "parking garage", "window"],
  suicide_act: [
    "kill+ [self]",
    "kms",
    "end+ (my life|my own life|it all|everything|my existence|it|things)",
    "take (my|my own) life",
    "commit+ suicide",
    "(off|unalive+|hang+|shoot+|drown+|poison+|suffocat+|starve+) [self]",
    "overdose",
    "od",
    "slit my wrists",
    "(jump+|throw+ [self]|step+) (off|from|in front of|into|out of) ~3 [drop]",
    "(swallow|take) (all|all of) (my|the) (pills|meds|tablets)",
    "sewerslide",
    "self delete",
  ],
  death_state: ["die", "be dead", "stop existing", "not (exist|be alive|be here|wake up)", "disappear (forever|for good|permanently)", "(go to )?sleep forever", "never wake up", "be gone forever", "cease to exist", "go away forever", "not be here anymore"],
  person: [
    "mom", "mum", "mother", "dad", "father", "stepdad", "step dad", "stepfather", "step father", "stepmom", "step mom", "stepmother", "step mother",
    "brother", "sister", "stepbrother", "stepsister", "baby", "son", "daughter", "kid", "kids", "child", "children", "husband", "wife", "boyfriend", "girlfriend",
    "bf", "gf", "partner", "ex", "roommate", "teacher", "teachers", "boss", "coworker", "coworkers", "classmate", "classmates", "neighbor", "neighbour", "neighbors",
    "cousin", "uncle", "aunt", "grandma", "grandpa", "friend", "friends", "family", "parents", "coach", "bully", "bullies", "principal", "landlord",
  ],
  target: [
    "him", "her", "them", "someone", "somebody", "anyone", "anybody", "people", "everyone", "everybody", "all of them",
    "(my|our) (little|big|older|younger|baby|own|whole|new|stupid)? [person]",
    "that (kid|guy|girl|man|woman|teacher|bitch|bastard|asshole|boy|dude|jerk|family)",
    "(the )?(people|kids|students) (at|in) (school|work|class|my school)",
    "everyone at (school|work|my school)",
  ],
  harm_act: [
    "kill+", "murder+", "hurt+", "stab+", "shoot+", "strangl+", "choke+", "poison+", "beat+ (up)?", "beat the (crap|shit|hell|life) out of",
    "punch+", "hit+", "attack+", "push+", "torture+", "drown+", "smother+", "suffocat+", "run over", "break (his|her|their) (neck|legs|arms|face)",
  ],
  relation_adult: [
    "dad", "father", "mom", "mum", "mother", "stepdad", "step dad", "stepfather", "step father", "stepmom", "step mom", "stepmother", "step mother",
    "parents", "parent", "uncle", "aunt", "auntie", "grandpa", "grandfather", "granddad", "grandma", "grandmother", "boyfriend", "bf", "girlfriend", "gf",
    "husband", "wife", "partner", "ex", "teacher", "coach", "babysitter", "foster (mom|dad|parents|mother|father|family)", "guardian", "pastor", "priest",
    "neighbor", "neighbour", "tutor", "carer", "caretaker", "boss",
  ],
  sibling: ["brother", "sister", "cousin", "stepbrother", "stepsister", "step brother", "step sister"],
  abuser_adult: [
    "(my|our) (own|real|new|birth|biological|older|ex)? [relation_adult]",
    "(my|our)? (mom|mum|mother|dad|father)'s (new )?(boyfriend|husband|girlfriend|wife|partner)",
  ],
  abuser: ["[abuser_adult]", "(my|our) (older|younger|big|little|step)? [sibling]", "he", "she", "they"],
  often: ["always", "often", "sometimes", "still", "keeps", "constantly", "usually", "regularly", "also", "even", "really", "used to", "would", "will", "every day"],
  group: [
    "immigrants", "refugees", "migrants", "muslims", "jews", "christians", "hindus", "sikhs", "atheists", "gays", "gay people", "lesbians", "trans people",
    "transgender people", "trans women", "trans men", "women", "girls", "men", "black people", "blacks", "white people", "whites", "asians", "mexicans",
    "arabs", "latinos", "gypsies", "roma", "disabled people", "autistic people", "foreigners", "you people",
  ],
  age_minor: [...numbers(5, 17), "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"],
  minor: [
    "child", "children", "kid", "kids", "minor", "minors", "underage", "preteen", "pre-teen", "little (girl|boy|girls|boys)", "schoolgirl", "schoolgirls",
    "[age_minor] (year old|yr old|yo|years old|year-old)", "(only|just) [age_minor]", "you're [age_minor]",
  ],
  sexual: ["sex", "sexy", "sexual", "sexually", "nude", "nudes", "naked", "porn", "explicit", "sext+", "lewd", "nsfw", "hook up", "hookup", "erotic"],
  competition: [
    "chess", "checkers", "cards", "uno", "monopoly", "scrabble", "poker", "trivia", "mario kart", "fortnite", "minecraft", "tennis", "ping pong",
    "basketball", "football", "soccer", "arm wrestling", "video games", "games", "a game", "the game", "this game", "every game", "pvp", "a race", "the race",
    "races", "a match", "the match", "everything", "sports", "running",
  ],
  year: numbers(1990, 2025),
  count: [...numbers(1, 30), "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "few", "a few", "several", "many", "some", "a couple of", "couple of", "couple"],
};

export const MISSPELLINGS: Record<string, string[]> = {
  kill: ["kil", "kll", "kiil"],
  myself: ["myslef", "mysefl", "meself", "mysef", "myseld", "myswlf"],
  suicide: ["suicde", "sucide", "suiside", "suicid", "sucicide", "suiced", "suicied"],
  suicidal: ["sucidal", "suicdal", "suisidal", "suicidle"],
  want: ["wnat", "wamt", "whant"],
  yourself: ["yourslef", "youself"],
  cutting: ["cuting", "cuttin"],
  overdose: ["overdoes", "ovedose", "overdos"],
  overdosed: ["overdoesed", "overdossed"],
  breathe: ["breath", "breth", "breate"],
  breathing: ["breating", "breathin"],
  ambulance: ["ambulence", "ambulanse", "amblance"],
  seizure: ["seizur", "siezure", "seisure", "seazure"],
  going: ["goin", "gonig"],
  gonna: ["gona", "gunna", "gonan"],
  anymore: ["anymroe", "enymore"],
  life: ["lyfe"],
  dead: ["ded"],
  hurt: ["hirt", "hurtt"],
};

export const FUZZY = [
  "myself", "suicide", "suicidal", "yourself", "overdose", "overdosed", "killing", "kill", "want", "ambulance", "seizure", "breathe", "breathing",
  "bleeding", "unconscious", "strangle", "poison", "murder", "hanging", "cutting", "stepdad", "stepmom", "anymore", "molested", "abusing",
];
