import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createBuiltinClassifier } from "../classifier/builtin.ts";
import { decodeModel, encodeModel } from "./codec.ts";
import { decide } from "./decide.ts";
import { H, scoreText } from "./model.ts";
import { featurise, train } from "./train.ts";
import { chunks } from "./tokens.ts";

const tiny = [
  ["i want to die tonight", ["suicidal_ideation"]],
  ["i cut my arm again", ["self_harm"]],
  ["kill the goblin", []],
  ["what a lovely day", []],
] as const;
const options = { dims: 1 << 10, epochs: 3, rate: 0.4, l2: 1e-6, seed: 7, nb: 0.1 };

describe("crisis model", () => {
  it("chunks: sentences (a short one joins the next), run-on lines cut every 28 words, emoji kept as words", () => {
    assert.deepEqual(chunks("hi. im fine, all good here\nok \u{1F48A}").map((c) => c.words), [["hi", "im", "fine", "all", "good", "here"], ["ok", "\u{1F48A}"]]);
    assert.equal(chunks(Array(60).fill("word").join(" ")).length, 3);
  });
  it("chunks: the ASCII pass cuts as the Unicode one (apostrophes dropped, wordless sentences skipped)", () => {
    const text = "the villain yells \"i'll get you!\" ' . we run, fast; then hide\n\nok \"";
    const withEmoji = chunks(`${text} \u{1F600}`).map((c) => c.words.filter((w) => w !== "\u{1F600}"));
    assert.deepEqual(chunks(text).map((c) => c.words), withEmoji.filter((w) => w.length > 0));
    assert.deepEqual(chunks(text).map((c) => c.text), ["the villain yells ill get you", "we run fast then hide", "ok"]);
  });
  it("training is deterministic and the artefact round-trips byte for byte", () => {
    const data = tiny.map(([t, l]) => featurise(t, l, options.dims));
    const a = encodeModel(train(data, options));
    const b = encodeModel(train(data, options));
    assert.deepEqual(a, b);
    assert.deepEqual(encodeModel(decodeModel(a)), a);
  });
  it("a window scores a disclosure tucked in game talk as it scores it alone", () => {
    const { model } = createBuiltinClassifier();
    const alone = scoreText(model, "my grandad collapsed and his lips are blue").probs[0]!;
    const padded = scoreText(model, `${"Which path leads to the castle? I have the silver key. ".repeat(20)}my grandad collapsed and his lips are blue. anyway, north or east?`).probs[0]!;
    assert.ok(Math.abs(alone - padded) < 0.2 && padded >= model.thresholds.confident[0]!, `${alone} vs ${padded}`);
  });
  it("decide: any head first; most likely category, then others above their threshold; review below the confident threshold", () => {
    const thresholds = { confident: [0.5, 0.4, 0.4, 0.4, 0.4, 0.4], review: [0.2, 0.4, 0.4, 0.4, 0.4, 0.4] };
    assert.deepEqual(decide(thresholds, [0.1, 0.9, 0, 0, 0, 0]).categories, []);
    assert.deepEqual(decide(thresholds, [0.3, 0.1, 0.3, 0, 0, 0]), { categories: ["self_harm"], review: true, probs: [0.3, 0.1, 0.3, 0, 0, 0] });
    assert.deepEqual(decide(thresholds, [0.9, 0.5, 0.9, 0, 0, 0.1]).categories, ["self_harm", "suicidal_ideation"]);
    assert.equal(H, 6);
  });
  it("the committed model loads with its CV thresholds and classifies", () => {
    const c = createBuiltinClassifier();
    assert.ok(c.model.thresholds.review[0]! <= c.model.thresholds.confident[0]!);
    const v = c.classify("my grandad collapsed on the kitchen floor and his lips look blue");
    assert.ok(v.status === "ok" && v.categories[0]?.category === "medical_emergency" && !v.review);
    assert.deepEqual(c.classify("what a lovely day"), { status: "ok", categories: [], review: false, evidence: "" });
  });
});
