import assert from "node:assert/strict";
import { test } from "node:test";
import { negotiateEncoding, type Coding } from "./accept-encoding.ts";

const BOTH: ReadonlySet<Coding> = new Set(["br", "gzip"]);
const GZIP: ReadonlySet<Coding> = new Set(["gzip"]);
const BR: ReadonlySet<Coding> = new Set(["br"]);
const pick = (header: string | string[] | undefined, offered = BOTH) => negotiateEncoding(header, offered);

test("no header, an empty one or only identity: identity", () => {
  assert.equal(pick(undefined), null);
  assert.equal(pick(""), null);
  assert.equal(pick("  "), null);
  assert.equal(pick("identity"), null);
  assert.equal(pick("deflate"), null, "a coding the route does not offer");
});

test("br is preferred when the client weighs both equally, as browsers send them", () => {
  assert.equal(pick("gzip, deflate, br, zstd"), "br");
  assert.equal(pick("gzip, br"), "br");
  assert.equal(pick("br;q=0.5, gzip;q=0.5"), "br");
  assert.equal(pick("gzip, deflate, br", GZIP), "gzip", "only the route's own algorithms");
  assert.equal(pick("gzip", BR), null);
});

test("q-values order the codings; q=0 refuses one", () => {
  assert.equal(pick("br;q=0.4, gzip;q=0.8"), "gzip");
  assert.equal(pick("br;q=0, gzip"), "gzip");
  assert.equal(pick("br;q=0, gzip;q=0"), null);
  assert.equal(pick("gzip;q=0.001"), "gzip");
  assert.equal(pick("GZIP;Q=0.5"), "gzip", "names and parameters are case-insensitive");
  assert.equal(pick("br ; q=1.000 , gzip;q=0.9"), "br");
});

test("* stands for every coding the header does not name, and can refuse them", () => {
  assert.equal(pick("*"), "br");
  assert.equal(pick("*;q=0.5, br;q=0.2"), "gzip", "gzip takes *'s weight");
  assert.equal(pick("gzip, *;q=0"), "gzip");
  assert.equal(pick("*;q=0"), null);
});

test("identity wins only when the client names it with more weight than any coding", () => {
  assert.equal(pick("gzip;q=0.5, identity"), null);
  assert.equal(pick("gzip;q=0.5, identity;q=0.5"), "gzip");
  assert.equal(pick("gzip;q=0.5"), "gzip", "an implicit identity never beats an acceptable coding");
  assert.equal(pick("identity;q=0, gzip"), "gzip");
});

test("x-gzip is gzip; broken entries are ignored; several header lines are one list", () => {
  assert.equal(pick("x-gzip"), "gzip");
  assert.equal(pick("br;q=2, gzip"), "gzip", "q above 1");
  assert.equal(pick("br;q=abc, gzip;q=0.1"), "gzip");
  assert.equal(pick("br;q=0.1234, gzip;q=0.1"), "gzip", "more than three decimals");
  assert.equal(pick("br;q=, gzip;q=0.1"), "gzip");
  assert.equal(pick(",, ;q=1, gzip"), "gzip");
  assert.equal(pick(["gzip;q=0.5", "br"]), "br");
  assert.equal(pick("gzip;level=9"), "gzip", "other parameters do not matter");
  assert.equal(pick("br;q=0, br;q=1, gzip;q=0.5"), "gzip", "the first occurrence of a coding counts");
});
