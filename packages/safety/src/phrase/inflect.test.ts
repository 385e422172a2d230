import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inflections } from "./inflect.ts";
import { inflectedVariants, oneEditVariants, wordVariants } from "./variants.ts";

const has = (list: string[], ...forms: string[]) => forms.forEach((f) => assert.ok(list.includes(f), `${f} missing from ${list.join(",")}`));

describe("inflections", () => {
  it("covers regular verb forms, dropped g and doubled consonants", () => {
    has(inflections("kill"), "kill", "kills", "killed", "killing", "killin");
    has(inflections("die"), "dies", "died", "dying", "dyin");
    has(inflections("hate"), "hates", "hated", "hating");
    has(inflections("cry"), "cries", "cried", "crying");
    has(inflections("punch"), "punches", "punched", "punching");
    has(inflections("cut"), "cuts", "cutting", "cuting");
    has(inflections("stab"), "stabbed", "stabbing");
    has(inflections("hit"), "hits", "hit's", "hitting");
  });
});

describe("spelling variants", () => {
  it("one slip away: dropped, swapped, undoubled, censored letters; never the first letter", () => {
    const v = oneEditVariants("suicide");
    has(v, "suicde", "sucide", "siucide", "s*icide", "suicid");
    assert.ok(!v.includes("uicide"));
    has(oneEditVariants("kill"), "kil", "klil", "k*ll");
  });
  it("uses the rule set's misspellings everywhere, fuzzy variants only for the listed words", () => {
    const source = { misspellings: new Map([["want", ["wnat"]], ["cutting", ["cuttin"]]]), fuzzy: new Set(["myself"]) };
    assert.deepEqual(wordVariants("want", source), ["want", "wnat"]);
    has(wordVariants("myself", source), "myslef", "mysef");
    assert.deepEqual(wordVariants("hurt", source), ["hurt"]);
    has(inflectedVariants("cut", source), "cuts", "cutting", "cuttin");
  });
});
