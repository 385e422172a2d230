import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clauseAt, quoteAround, sentenceAt } from "./spans.ts";

const text = "i used to be happy, now i want to die. it's late";

describe("spans", () => {
  it("finds the sentence of a position", () => {
    const s = sentenceAt(text, text.indexOf("want"));
    assert.equal(text.slice(s.start, s.end), "i used to be happy, now i want to die");
  });
  it("cuts clauses at commas and contrast words", () => {
    const at = text.indexOf("i want");
    const c = clauseAt(text, at, at + "i want to die".length);
    assert.equal(text.slice(c.start, c.end).trim(), "i want to die");
  });
  it("finds the quote around a match; apostrophes in words are not quotes", () => {
    const q = 'my friend said "i want to die" and laughed';
    const at = q.indexOf("i want");
    const span = quoteAround(q, at, at + 13)!;
    assert.equal(q.slice(span.start, span.end), '"i want to die"');
    const a = "i'm sure it's fine, don't worry";
    assert.equal(quoteAround(a, a.indexOf("sure"), a.indexOf("sure") + 4), null);
    const s = "the sign reads 'turn back or die' in red";
    assert.ok(quoteAround(s, s.indexOf("die"), s.indexOf("die") + 3));
  });
});
