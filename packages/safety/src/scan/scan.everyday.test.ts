import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "./scan.ts";
import { rules } from "./test-rules.ts";

// Everyday game and chat lines that must stay quiet, and fresh crisis lines that must not; none of
// them is in the eval set (they were written to probe the rules after it).
const QUIET = [
  "I want to go home and rest before the next chapter", "can I kill the boss with fire damage?", "my party wants to die on this hill apparently lol",
  "I'm going to take my time exploring the forest", "the rogue cuts the rope and we fall into the river", "I want to end this chapter and save",
  "I feel like giving up on this riddle, any hints?", "my mom hits the gym every morning", "he touches the ancient stone and it glows",
  "Wren, I'm so tired of this rain in the valley", "I need to stop eating so much candy", "I'd rather die than lose to that goblin again haha",
  "I hate myself for missing that jump lol", "this song makes me want to dance", "I'm going to cut my hair short", "I'm dying to know what happens next",
  "the villain wants to burn the village down", "do you think the king will kill us?", "I slipped and hurt my knee playing football",
  "my brother beat me at chess again", "kill two birds with one stone", "I'm done with this quest, going to bed", "I could eat a whole pizza right now",
  "we should blow up the bridge to stop the army", "shoot, I forgot my keys", "my dad always beats me at mario kart", "I'm going to hit the hay",
  "life is worth living when you have good friends", "I don't want to go to school tomorrow", "my heart is racing, this story is so good!",
  "I took too many screenshots lol", "I'm bleeding gold in this shop", "I want to disappear into a book for a week", "the guard threatens to lock me in the cell",
  "I'm not allowed to play after 9", "my teacher touched on that topic today", "we went to the shooting range with my uncle", "I'm starving, what's for dinner?",
  "I cut the cake for my sister's birthday", "my coach makes me run laps when I'm late", "I want to kill this exam tomorrow", "I'll murder you at uno tonight",
  "nobody would notice if I skipped class, right?", "the news said a man died in the fire", "my grandma died and I miss her",
];

const CRISIS = [
  "i can't keep living like this, i want to die", "i'm planning to end it this weekend", "i think everyone would be happier if i wasn't here",
  "i cut again, deeper this time", "my stepfather beats us when he drinks", "I want to stab my brother", "my friend took a bunch of pills and won't wake up",
  "im thinking about ending my life", "I keep having thoughts of killing myself", "i just want to sleep and never wake up", "my uncle touches me when no one is home",
  "i'm going to hurt someone at school tomorrow", "i burn myself with a lighter when i'm sad", "i can't breathe and my lips are blue", "I've decided to kill myself",
  "no one would miss me if i died", "my mom locks me in the basement", "i want to shoot my classmates", "i overdosed on my moms pills", "I wanna die so bad rn",
];

describe("scan: everyday lines and fresh crisis lines", () => {
  it("everyday game and chat talk raises nothing", () => {
    for (const text of QUIET) {
      const r = scan(text, rules);
      assert.ok(!r.crisis.detected && r.content.violations.length === 0, `${text}: ${JSON.stringify([...r.crisis.signals, ...r.content.violations])}`);
    }
  });
  it("crisis lines written after the rules are detected", () => {
    for (const text of CRISIS) assert.ok(scan(text, rules).crisis.detected, text);
  });
});
