import assert from "node:assert/strict";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, it } from "node:test";
import { createPiiMaskStream } from "./mask-stream.ts";

async function maskBuffers(parts: Buffer[], mode?: "json" | "text" | "auto"): Promise<string> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(parts),
    createPiiMaskStream(mode),
    new Writable({
      write(chunk, _e, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(out).toString("utf8");
}

describe("createPiiMaskStream", () => {
  it("detects JSON or text from the first character (auto)", async () => {
    assert.equal(await maskBuffers([Buffer.from('  {"password": "x", "n": "kim@example.org"}')]), '  {"password": "[SECRET]", "n": "[EMAIL]"}');
    assert.equal(await maskBuffers([Buffer.from("password: x kim@example.org")]), "password: x [EMAIL]");
    assert.equal(await maskBuffers([Buffer.from("  "), Buffer.from("[1]")]), "  [1]");
    assert.equal(await maskBuffers([]), "");
  });
  it("keeps multi-byte characters split across chunks whole", async () => {
    const bytes = Buffer.from('{"t": "café 😀 kim@example.org"}');
    for (let cut = 1; cut < bytes.length; cut++) {
      assert.equal(await maskBuffers([bytes.subarray(0, cut), bytes.subarray(cut)], "json"), '{"t": "café 😀 [EMAIL]"}');
    }
  });
  it("streams a 32 MiB body with bounded memory, output flowing before the input ends", async () => {
    const chunk = Buffer.from(`${"the party rests at the inn. ".repeat(2300)}mail kim@example.org. `);
    const total = Math.ceil((32 * 1024 * 1024) / chunk.length);
    let produced = 0;
    let producedAtFirstOutput = -1;
    let outBytes = 0;
    let leaked = false;
    const masker = createPiiMaskStream("text");
    await pipeline(
      Readable.from(
        (function* () {
          for (; produced < total; ) {
            produced++;
            yield chunk;
          }
        })(),
      ),
      masker,
      new Writable({
        write(part: Buffer, _e, done) {
          if (producedAtFirstOutput < 0) producedAtFirstOutput = produced;
          outBytes += part.length;
          if (part.includes("kim@example.org")) leaked = true;
          done();
        },
      }),
    );
    assert.ok(producedAtFirstOutput > 0 && producedAtFirstOutput < 10, `first output after ${producedAtFirstOutput} of ${total} chunks`);
    assert.ok(masker.maxBuffered < 200_000, `held at most ${masker.maxBuffered} characters`);
    assert.equal(leaked, false);
    assert.equal(outBytes, total * (chunk.length - "kim@example.org".length + "[EMAIL]".length));
  });
});
