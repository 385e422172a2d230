import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePhrase } from "./parse.ts";
import { phraseSource, type PhraseContext } from "./to-regex.ts";

const seqOf = (s: string) => {
  const r = parsePhrase(s);
  if (!r.ok) throw new Error(r.message);
  return r.seq;
};
const ctx: PhraseContext = {
  lexicon: new Map([
    ["self", [seqOf("myself"), seqOf("my self")]],
    ["want", [seqOf("want to"), seqOf("wanna")]],
  ]),
  misspellings: new Map([["kill", ["kil"]]]),
  fuzzy: new Set(),
};
const matcher = (phrase: string) => new RegExp(phraseSource(seqOf(phrase), ctx));

describe("phraseSource", () => {
  it("matches whole words only", () => {
    const re = matcher("kill+ [self]");
    assert.ok(re.test("i could kill myself"));
    assert.ok(re.test("killing my self"));
    assert.ok(!re.test("skill myself"));
    assert.ok(!re.test("kill myselfie"));
  });
  it("allows any spacing or in-sentence punctuation between words, or none, but not a sentence end", () => {
    const re = matcher("kill+ [self]");
    assert.ok(re.test("kil - myself"));
    assert.ok(re.test("killmyself"));
    assert.ok(!re.test("kill. myself"));
    assert.ok(!re.test("kill\nmyself"));
  });
  it("makes apostrophes optional and hyphens a space, a hyphen or nothing", () => {
    assert.ok(matcher("don't [want] live").test("i dont wanna live"));
    const re = matcher("self-harm+");
    for (const t of ["self harm", "self-harm", "selfharming"]) assert.ok(re.test(t), t);
  });
  it("gaps take up to N words", () => {
    const re = matcher("want ~2 die");
    assert.ok(re.test("want to die"));
    assert.ok(re.test("want to just die"));
    assert.ok(!re.test("want to go and die"));
  });
  it("optional items and alternatives", () => {
    const re = matcher("(i|we) really? (hate|dislike) it");
    assert.ok(re.test("we hate it"));
    assert.ok(re.test("i really dislike it"));
    assert.ok(!re.test("you hate it"));
  });
  it("^ asserts the start of a clause", () => {
    const re = matcher("^ just want to die");
    assert.ok(re.test("just want to die"));
    assert.ok(re.test("ugh, just want to die"));
    assert.ok(!re.test("they just want to die"));
  });
  it("prefix words take any ending", () => {
    assert.ok(matcher("suicid*").test("suicidal"));
  });
});
