import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crisisOf, reasonsOf } from "./test-rules.ts";

const crisis = (text: string, category = "suicidal_ideation") => assert.ok(crisisOf(text).includes(category), `expected ${category}: ${text}`);
const none = (text: string) => assert.deepEqual(crisisOf(text), [], `expected no crisis: ${text}`);

describe("scan: negation is cue-specific", () => {
  it("a negation aimed at the phrase cancels it", () => {
    none("I'm not going to kill myself, I promise");
    none("i would never kill myself");
    none("i'm not thinking about ending my life");
    none("I won't hurt myself tonight, I called my sister");
    none("no urges to cut this week");
    none("I'd never hurt my brother");
    assert.ok(reasonsOf("i am not going to kill myself").includes("negated"));
  });
  it("a phrase that carries its own negation is a signal", () => {
    crisis("I don't want to live anymore");
    crisis("i dont wanna be alive");
    crisis("honestly I'm not sure I want to keep going");
    crisis("I never want to wake up again");
  });
  it("things that look like negation are not: can't stop, not gonna lie, not okay", () => {
    crisis("i cant stop thinking about ending it all");
    crisis("not gonna lie i kinda want to die");
    crisis("I'm not ok, I want to kill myself");
    crisis("I can't stop hurting myself", "self_harm");
  });
  it("a negation elsewhere in the sentence does not cancel a later phrase", () => {
    crisis("if i don't get help soon i'll kill myself");
    crisis("I don't know why but I want to die");
    crisis("nothing helps and i want to kill myself");
  });
});
