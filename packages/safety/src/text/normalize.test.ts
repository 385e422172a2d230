import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeText } from "./normalize.ts";

describe("normalizeText", () => {
  it("lower-cases and collapses spaces, keeps sentence marks", () => {
    assert.equal(normalizeText("  I   WANT\tto GO.  Now!\n\n ok "), "i want to go. now!\nok");
  });
  it("reads leet digits and symbols between letters as letters, leaves numbers alone", () => {
    assert.equal(normalizeText("k1ll mys3lf"), "kill myself");
    assert.equal(normalizeText("$uicide su!cide"), "suicide suicide");
    assert.equal(normalizeText("at 5am on level 3, 1999"), "at 5am on level 3, 1999");
  });
  it("joins spaced-out letters and shortens stretched ones", () => {
    assert.equal(normalizeText("s u i c i d e"), "suicide");
    assert.equal(normalizeText("d-i-e now"), "die now");
    assert.equal(normalizeText("I want to diiiiie"), "i want to die");
  });
  it("straightens quotes and dashes, folds accents, drops invisible characters, reads ellipses as pauses", () => {
    assert.equal(normalizeText("“I’m fine” – she said"), "\"i'm fine\" - she said");
    assert.equal(normalizeText("café naïve"), "cafe naive");
    assert.equal(normalizeText("ki\u200bll"), "kill");
    assert.equal(normalizeText("I want to… die...ok"), "i want to die ok");
  });
});
