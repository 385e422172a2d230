import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crisisOf } from "./test-rules.ts";

const crisis = (text: string, category = "suicidal_ideation") => assert.ok(crisisOf(text).includes(category), `expected ${category}: ${text}`);

describe("scan: spelling, case, punctuation and slang", () => {
  it("misspellings and slips", () => {
    crisis("i keep thinking about suicde");
    crisis("i want to kil myself");
    crisis("i want to kill myslef");
    crisis("feeling sucidal again");
    crisis("i wnat to die");
    crisis("my stepdad hit's me", "abuse_disclosure");
  });
  it("case, punctuation, stretched and spaced letters, leet", () => {
    crisis("I WANT TO DIE!!!");
    crisis("i want to diiiiie");
    crisis("i want to k-i-l-l myself");
    crisis("i w4nt to k1ll mys3lf");
    crisis("i want to... die");
    crisis("#killmyself");
  });
  it("slang and euphemisms", () => {
    crisis("lowkey wanna kms");
    crisis("might just unalive myself");
    crisis("sewerslide is looking good rn");
    crisis("relapsed on sh last night", "self_harm");
    crisis("im gonna off myself");
  });
  it("inflections: dropped g, plurals, past", () => {
    crisis("been thinkin bout endin it");
    crisis("i've been cuttin again", "self_harm");
    crisis("my boyfriend strangled me last night", "abuse_disclosure");
  });
});
