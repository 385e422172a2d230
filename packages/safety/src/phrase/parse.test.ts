import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classRefs, parsePhrase } from "./parse.ts";

const ok = (source: string) => {
  const r = parsePhrase(source);
  assert.ok(r.ok, `expected "${source}" to parse: ${r.ok ? "" : r.message}`);
  return r.seq;
};
const fails = (source: string, message: RegExp) => {
  const r = parsePhrase(source);
  assert.equal(r.ok, false, `expected "${source}" to be refused`);
  if (!r.ok) assert.match(r.message, message);
};

describe("parsePhrase", () => {
  it("reads words, inflections, prefixes, classes, alternatives, optional items, gaps and ^", () => {
    const seq = ok("^ [i] ~2 (want|wish) to kill+ suicid* myself?");
    assert.deepEqual(
      seq.map((i) => [i.node.t, i.optional]),
      [["start", false], ["class", false], ["gap", false], ["alt", false], ["word", false], ["word", false], ["word", false], ["word", true]],
    );
    assert.deepEqual(seq[5]!.node, { t: "word", text: "kill", inflect: true, prefix: false });
    assert.deepEqual(seq[6]!.node, { t: "word", text: "suicid", inflect: false, prefix: true });
  });
  it("lower-cases, allows contractions and items that touch: (go to )?sleep, i 've", () => {
    assert.equal(ok("(Go to )?SLEEP").length, 2);
    assert.deepEqual(ok("i 've")[1]!.node, { t: "word", text: "'ve", inflect: false, prefix: false });
    assert.deepEqual(ok("self-harm+")[0]!.node, { t: "word", text: "self-harm", inflect: true, prefix: false });
  });
  it("collects class references, nested ones included", () => {
    assert.deepEqual([...classRefs(ok("[a] (x [b]|y)"))].sort(), ["a", "b"]);
  });
  it("refuses malformed phrases with a message an admin can act on", () => {
    fails("", /empty phrase/);
    fails("(want|wish to die", /missing "\)"/);
    fails("want) to", /unexpected "\)"/);
    fails("[self to", /missing "\]"/);
    fails("[1self]", /bad class name/);
    fails("(want||wish)", /empty alternative/);
    fails("~2 die", /cannot start or end with a gap/);
    fails("die ~2", /cannot start or end with a gap/);
    fails("want ~9 die", /a gap is 1 to 6 words/);
    fails("want ~ die", /needs a number/);
    fails("die? now?", /can match nothing/);
    fails("want ^ die", /\^ can only start/);
    fails("k$ll", /unexpected "\$"/);
    fails("die'", /is not a word/);
    fails("ab* x", /prefix\* needs at least 3 letters/);
  });
});
