// The cues that cancel or frame a match: negation aimed at it, hypothetical questions, the distant
// past, someone else's quoted words, fiction and news. See judge.ts for how each one is applied.

export const CUES = {
  negation: [
    "not", "never", "no", "don't", "do not", "doesn't", "does not", "didn't", "did not", "won't", "will not", "wouldn't", "would not",
    "can't", "cannot", "isn't", "aren't", "wasn't", "haven't", "hasn't", "no longer", "zero", "nothing", "without", "no way", "stopped", "quit",
    "never again", "not anymore", "nor",
  ],
  negationExceptions: [
    "(can't|cannot|couldn't|can not) (stop|help)", "not (gonna|going to) lie", "no lie", "not (even )?sure", "not (okay|ok|fine|alright|good)",
    "(no one|nobody|noone)", "no (reason|point)", "not worth", "nothing (matters|helps|works|left)", "not a day goes by", "(can't|cannot) (take|go on|do this|handle)",
    "(don't|do not|dont) (know|care|see)", "not afraid", "never (been|felt) (so|this|more)", "no matter", "not allowed", "(won't|doesn't|didn't|don't) stop",
    "never stops", "not (getting|feeling) better", "(doesn't|don't) help", "no help", "(don't|do not|dont) (want|wanna) to (live|be alive|exist|wake up)",
    "(won't|don't|doesn't|do not|does not) (let|feed)", "no more",
  ],
  negationFillers: [
    "going", "goin", "to", "gonna", "ever", "really", "actually", "even", "want", "wanna", "try", "trying", "plan", "planning", "planned", "intend",
    "intending", "think", "thinking", "about", "of", "be", "being", "i", "i'll", "i'd", "i'm", "that", "just", "like", "would", "will", "able", "do",
    "did", "ready", "have", "any", "intention", "intentions", "plans", "thoughts", "desire", "urge", "urges", "feel", "feeling", "gotta", "got", "need",
    "the", "again", "anymore", "myself", "yet", "once", "rn", "now", "currently", "all", "still", "consider", "considering", "go", "through", "with",
    "seriously", "honestly", "ok", "okay", "im", "id", "ill", "so", "worry", "promise", "swear", "planing", "considered",
  ],
  negationMaxGap: 4,
  hypothetical: [
    "what (should|do|would|can|could) (i|you|we|someone|one|people) do (if|when)",
    "what happens (if|when)",
    "how (do|can|would|should) (i|you|we|someone|people) (help|know|tell|recognize|recognise|spot|treat)",
    "first aid (quiz|class|course|test|exam|training)",
    "(if|when) (someone|somebody|a person|a friend|your friend) (is|was|were|has|starts)",
    "in case (someone|somebody)",
    "is it (bad|normal|safe|dangerous|ok|okay) (if|when|to)",
    "(asking|question) for (a|my) (quiz|class|school|test|project|story|essay)",
  ],
  historical: [
    "[count] (years|year|months|month|yrs|yr) ago", "(years|months|ages|a long time|long time|a while) ago", "back (in|when|then)",
    "when i was (younger|little|a kid|a child|a teen|a teenager|small|[count]|in (high|middle|primary|elementary) school|in school|in college|at school)",
    "in (high|middle) school", "as a (kid|child|teen|teenager)", "used to", "in the past", "in [year]", "back in [year]",
    "since i last", "(years|months) since", "(been|am|i'm) (clean|sober) (for|since)", "clean for", "in recovery", "survived", "survivor of",
    "last (year|month|summer|winter|spring|fall|autumn)", "the time i", "that time i", "a while back", "once when i was",
  ],
  recent: [
    "again", "lately", "recently", "these days", "this week", "last night", "yesterday", "this morning", "tonight", "right now", "coming back",
    "came back", "started again", "relapsed", "relapse", "back again", "still", "every day", "every night",
  ],
  fiction: [
    "(my|our) (character|char|oc|rogue|paladin|wizard|mage|knight|elf|dwarf|warrior|ranger|bard|cleric|druid|hero|heroine|avatar|toon|party|companion|villain|npc|protagonist)",
    "the (villain|hero|heroine|narrator|protagonist|antagonist|main character|npc|character|characters)",
    "in (the|this|my|a|that) (game|story|book|novel|movie|film|show|series|play|song|campaign|quest|dungeon|chapter|episode|roleplay|rp|fanfic|poem|comic|manga|anime|backstory|lyrics)",
    "in game", "ingame", "roleplay+", "backstory", "(my|the|a|this) (story|song|poem|novel|movie|film|play|fanfic)",
    "the (lyrics|lyric|line|book|article|headline|news|report|documentary|podcast|episode|chapter|sign|scroll|letter|narrator)",
    "(lyric|lyrics|headline|article|documentary|podcast)", "on the news", "according to", "the news", "a line from", "line from",
  ],
  worldEntities: [
    "(goblin|goblins|troll|trolls|orc|orcs|ogre|ogres|dragon|dragons|zombie|zombies|bandit|bandits|skeleton|skeletons|vampire|vampires|demon|demons|npc|npcs)",
    "(wizard|witch|knight|guard|guards|king|queen|prince|princess|soldier|soldiers|assassin|beast|creature|monster|monsters|enemy|enemies|pirate|pirates|mercenary|innkeeper|merchant|villain|ghost|spirit|rats|spider|wolf|wolves)",
    "(quest|dungeon|respawn+|hp|damage|spell|potion|sword|dagger|bow|arrow|campaign|roleplay|raid|loot|boss fight|health bar|xp)",
  ],
  reality: [
    "for real", "irl", "in real life", "not in the game", "not the game", "not my character", "not a game", "no joke", "not joking", "not kidding",
    "i'm serious", "seriously", "honestly", "real life", "outside the game", "but i'm not", "me too", "so am i", "same here", "the real me", "fr",
  ],
  speech: [
    "say+", "said", "tell+", "told", "shout+", "yell+", "scream+", "whisper+", "mutter+", "sing+", "sang", "sung", "goes", "went", "read+", "write+",
    "wrote", "written", "text+", "post+", "tweet+", "ask+", "answer+", "reply+", "cry+", "laugh+", "sob+", "growl+", "hiss+", "snarl+", "announce+",
    "declare+", "admit+", "quote+", "exclaim+", "call+ out", "hear+", "heard", "go like", "goes like", "reads",
  ],
  firstPerson: ["i", "i'm", "i've", "i'd", "i'll", "me", "myself", "my self", "we"],
};
