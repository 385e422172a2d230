import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LiteralMatcher } from "./literal-matcher.ts";

describe("LiteralMatcher", () => {
  it("marks exactly the items whose literals occur, as substrings (agrees with includes)", () => {
    const sets = [["kill", "kil"], ["myself", "self"], ["he", "she", "hers"], ["his"], ["a*b"]];
    const literals = new Map<string, number[]>();
    sets.forEach((set, id) => set.forEach((l) => literals.set(l, [...(literals.get(l) ?? []), id])));
    const matcher = new LiteralMatcher(literals, sets.length);
    const alphabet = "kilmyseflhr *ab";
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(rand() * 30) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
      const found = new Set(matcher.found(text));
      sets.forEach((set, id) => assert.equal(found.has(id), set.some((l) => text.includes(l)), `${JSON.stringify(text)} item ${id}`));
    }
  });
  it("refuses a literal outside its alphabet (literals are word pieces)", () => {
    assert.throws(() => new LiteralMatcher(new Map([["my self", [0]]]), 1), /outside/);
  });
  it("finds literals that are suffixes of others (failure links)", () => {
    const matcher = new LiteralMatcher(new Map([["ushers", [0]], ["she", [1]], ["he", [2]]]), 3);
    assert.deepEqual(matcher.found("usher").sort(), [1, 2]);
  });
});
