import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crisisOf, reasonsOf } from "./test-rules.ts";

const crisis = (text: string, category = "suicidal_ideation") => assert.ok(crisisOf(text).includes(category), `expected ${category}: ${text}`);
const none = (text: string, reason?: string) => {
  assert.deepEqual(crisisOf(text), [], `expected no crisis: ${text}`);
  if (reason) assert.ok(reasonsOf(text).includes(reason as never), `expected ${reason} in ${reasonsOf(text)}: ${text}`);
};

describe("scan: quotes, fiction, idioms, past and hypotheticals", () => {
  it("someone else's quoted words are not the player's crisis; the player's own are", () => {
    none('The old sailor mutters "I want to die at sea" and turns away', "quoted");
    none("“I want to kill myself,” the bard sang, and the tavern went quiet", "quoted");
    crisis('I told my mum "I want to die" and she laughed');
    crisis("“I want to die” — that's all I can think today");
  });
  it("fiction and news framing in the sentence cancels; a reality cue brings it back", () => {
    none("In my novel the heroine wants to end her life", undefined);
    none("in the game my character goes i want to die lol", "fiction");
    crisis("my character is fine but for real i want to kill myself");
    crisis("I'm a knight in this game. Outside of it I want to die.");
  });
  it("game creatures frame threats and harm aimed at others, message-wide", () => {
    none("A goblin steals my boots. I'm going to kill him!", "fiction");
    none("the orc chieftain laughs at me, I want to stab him");
    crisis("I'm going to kill my dad tonight", "harm_to_others");
  });
  it("idioms are not signals", () => {
    none("this quest is killing me lol");
    none("I could murder a pizza");
    none("dying to try the new expansion");
    none("I wanted to die of embarrassment in class", "idiom");
    none("i accidentally cut myself shaving", "idiom");
    none("I nearly had a heart attack when the ghost appeared", "idiom");
    none("i laughed so hard i couldn't breathe", "idiom");
  });
  it("the distant past cancels, unless it came back", () => {
    none("Years ago I tried to kill myself, but I'm doing well now", "historical");
    none("when I was 15 I used to cut myself", "historical");
    crisis("I used to cut myself and lately I started again", "self_harm");
    crisis("I was raped when I was 12", "abuse_disclosure");
  });
  it("a hypothetical question is not a report", () => {
    none("what should I do if someone is having a seizure?", "hypothetical");
    crisis("my sister is having a seizure right now", "medical_emergency");
  });
});
