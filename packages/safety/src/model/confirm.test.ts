import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { confirmInput, confirmProb, decodeConfirmHead, encodeConfirmHead } from "./confirm.ts";
import { confirmDecision, type ModelDecision } from "./decide.ts";
import { trainConfirm } from "./train-confirm.ts";

const flagged: ModelDecision = { categories: ["self_harm"], review: false, probs: [0.4, 0, 0.4, 0, 0, 0] };

describe("second stage (confirm head)", () => {
  it("learns a separable problem, the same way twice", () => {
    const rows = Array.from({ length: 200 }, (_, i) => confirmInput([i % 2 ? 1 + (i % 7) / 10 : -1 - (i % 5) / 10, (i % 3) / 3], 0.5));
    const y = rows.map((_, i) => i % 2);
    const options = { hidden: 4, epochs: 40, rate: 1e-2, decay: 0, batch: 16, seed: 7 };
    const head = trainConfirm(rows, y, "test", options);
    assert.ok(confirmProb(head, confirmInput([1.3, 0.2], 0.5)) > 0.9);
    assert.ok(confirmProb(head, confirmInput([-1.3, 0.2], 0.5)) < 0.1);
    assert.equal(encodeConfirmHead(trainConfirm(rows, y, "test", options)), encodeConfirmHead(head));
  });

  it("round-trips through its JSON and refuses a damaged one", () => {
    const head = trainConfirm([confirmInput([0, 1], 0.2), confirmInput([1, 0], 0.8)], [0, 1], "test", { hidden: 2, epochs: 1, rate: 1e-3, decay: 0, batch: 2, seed: 1 });
    head.thresholds = { confident: 0.6, review: 0.2 };
    const again = decodeConfirmHead(encodeConfirmHead(head));
    assert.deepEqual(again.thresholds, head.thresholds);
    assert.ok(Math.abs(confirmProb(again, confirmInput([1, 0], 0.8)) - confirmProb(head, confirmInput([1, 0], 0.8))) < 1e-4);
    const broken = JSON.parse(encodeConfirmHead(head));
    broken.w2 = [1];
    assert.throws(() => decodeConfirmHead(JSON.stringify(broken)), /w2 must be 2 numbers/);
    assert.throws(() => decodeConfirmHead(JSON.stringify({ ...JSON.parse(encodeConfirmHead(head)), thresholds: { confident: 0.1, review: 0.5 } })), /review <= confident/);
    assert.throws(() => decodeConfirmHead('{"format":"other"}'), /not a TTA confirm head/);
  });

  it("clears, downgrades to review or keeps a first-stage detection by its thresholds, and never re-reads a calm one", () => {
    const t = { confident: 0.5, review: 0.1 };
    assert.deepEqual(confirmDecision(flagged, 0.05, t).categories, []);
    assert.deepEqual(confirmDecision(flagged, 0.2, t), { ...flagged, review: true });
    assert.deepEqual(confirmDecision(flagged, 0.9, t), flagged);
    const calm: ModelDecision = { categories: [], review: false, probs: flagged.probs };
    assert.equal(confirmDecision(calm, 1, t), calm);
  });
});
