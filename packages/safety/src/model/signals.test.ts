import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { normalizeText } from "../text/normalize.ts";
import { readCorpus } from "./corpus.ts";
import { chunkSignals, chunkSignalsUnfiltered, SIGNAL_NAMES } from "./signals.ts";
import { chunks } from "./tokens.ts";

const TRAIN = fileURLToPath(new URL("../../data/train", import.meta.url));

describe("clinical signals", () => {
  it("the anchor words never filter out a regex match (every chunk of the training corpus)", () => {
    let shown = 0;
    for (const { text, file } of readCorpus(TRAIN)) {
      const list = chunks(normalizeText(text));
      const got = chunkSignals(list);
      const want = chunkSignalsUnfiltered(list.map((c) => c.text));
      assert.deepEqual(got, want, `${file}: ${text} -> ${want.map((ids) => ids.map((id) => SIGNAL_NAMES[id]))}`);
      shown += want.flat().length;
    }
    assert.ok(shown > 10_000, `only ${shown} signals in the corpus`);
  });
  it("prefixes, digits, first words and emoji anchor their signals", () => {
    const ids = (text: string) => chunkSignals(chunks(normalizeText(text))).flat().map((id) => SIGNAL_NAMES[id]);
    assert.ok(ids("thinking about suicide").includes("active_thought"));
    assert.ok(ids("he took 500mg of it").includes("method_means"));
    assert.ok(ids("attack the troll now").includes("game_command"));
    assert.ok(ids("i have the \u{1F48A} ready").includes("method_means"));
    assert.deepEqual(ids("the lantern is blue"), []);
  });
});
