import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cardPrefixLength, luhnValid } from "./luhn.ts";

describe("luhn", () => {
  it("accepts valid card numbers and refuses a changed digit", () => {
    for (const n of ["4111111111111111", "5500005555555559", "378282246310005", "6011111111111117"]) assert.ok(luhnValid(n), n);
    assert.ok(!luhnValid("4111111111111112"));
    assert.ok(!luhnValid("41x1"));
  });
  it("finds the longest valid card at the start of a digit run, ending on a group boundary", () => {
    assert.equal(cardPrefixLength("4111 1111 1111 1111 123"), 19);
    assert.equal(cardPrefixLength("4111-1111-1111-1111"), 19);
    assert.equal(cardPrefixLength("4111 1111 1111 1112"), 0);
    assert.equal(cardPrefixLength("0000 0000 0000 0000"), 0);
  });
});
