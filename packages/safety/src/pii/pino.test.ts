import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { pino } from "pino";
import { pinoMasking, piiSerializer } from "./pino.ts";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe("pinoMasking (with a real pino)", () => {
  it("masks the message, interpolation values, merged objects, errors and base bindings", () => {
    const { lines, stream } = capture();
    const masking = pinoMasking();
    const logger = pino({ ...masking, serializers: { ...masking.serializers, body: piiSerializer }, base: { service: "test", owner: "ops@example.org" } }, stream);
    logger.info({ user: { email: "sam@example.org" }, body: { ssn: "123-45-6789" } }, "login by %s with card %s", "sam@example.org", "4111 1111 1111 1111");
    logger.child({ session: "s1" }).warn("call me at 555-123-4567");
    logger.error(new Error("token=abc123def456ghi789 rejected"), "failed");
    const all = lines.join("");
    for (const secret of ["sam@example.org", "123-45-6789", "4111", "ops@example.org", "555-123-4567", "abc123def456ghi789"]) assert.ok(!all.includes(secret), `${secret} leaked: ${all}`);
    const first = JSON.parse(lines[0]!);
    assert.equal(first.msg, "login by [EMAIL] with card [CARD]");
    assert.deepEqual(first.user, { email: "[EMAIL]" });
    assert.equal(first.service, "test");
    assert.equal(first.owner, "[EMAIL]");
    assert.equal(JSON.parse(lines[1]!).msg, "call me at [PHONE]");
    const err = JSON.parse(lines[2]!).err;
    assert.equal(err.type, "Error");
    assert.match(err.message, /token=\[SECRET\] rejected/);
  });
});

describe("pinoMasking: digests are not secrets", () => {
  it("logs a revision checksum as it is, and still masks passwords, tokens and secrets under any key", () => {
    const { lines, stream } = capture();
    const logger = pino({ ...pinoMasking() }, stream);
    const checksum = "9f2c4e1ab37d0c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f";
    const token = "a81bc9f07d3e4f5a6b7c8d9e0f1a2b3c";
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.c2lnbmF0dXJlLXZhbHVlLTEyMzQ1";
    logger.info({ revision: 3, checksum, digest: `sha256:${checksum}`, password: "hunter2-longer", token, note: `leaked ${token}`, checksumOfJwt: jwt, checksum2: jwt }, "config revision loaded");
    const line = JSON.parse(lines[0]!);
    assert.equal(line.checksum, checksum);
    assert.equal(line.digest, `sha256:${checksum}`);
    assert.equal(line.password, "[SECRET]");
    assert.equal(line.token, "[SECRET]");
    assert.equal(line.note, "leaked [SECRET]", "a hex run elsewhere is still masked");
    assert.ok(!lines[0]!.includes(jwt), "a token under a checksum-like key is still masked");
  });
});
