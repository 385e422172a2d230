import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkRewrite, compareSpecificity, compileRewrite, matchPath, parsePattern, type PathPattern } from "./path-pattern.ts";

const p = (s: string): PathPattern => {
  const r = parsePattern(s);
  if (!r.ok) throw new Error(r.message);
  return r.pattern;
};

describe("parsePattern", () => {
  it("refuses patterns an admin could get wrong", () => {
    for (const bad of ["hello", "/a/*/b", "/a//b", "/a/:id/:id", "/a/../b", "/a b", "/:9x"]) {
      assert.equal(parsePattern(bad).ok, false, bad);
    }
  });
  it("accepts literals, params and a final wildcard", () => {
    const pat = p("/players/:id/*");
    assert.deepEqual(pat.paramNames, ["id"]);
    assert.equal(pat.hasWildcard, true);
  });
});

describe("matchPath", () => {
  it("matches a prefix with * and captures the rest", () => {
    assert.deepEqual(matchPath(p("/hello/*"), "/hello/a/b"), { params: {}, rest: "a/b" });
    assert.deepEqual(matchPath(p("/hello/*"), "/hello"), { params: {}, rest: "" });
    assert.equal(matchPath(p("/hello/*"), "/hellox"), null);
  });
  it("matches params exactly, ignoring one trailing slash", () => {
    assert.deepEqual(matchPath(p("/players/:id"), "/players/42/"), { params: { id: "42" }, rest: "" });
    assert.equal(matchPath(p("/players/:id"), "/players/42/x"), null);
    assert.equal(matchPath(p("/players/:id"), "/players"), null);
  });
});

describe("rewrite", () => {
  it("substitutes params and the wildcard", () => {
    const pat = p("/api/players/:id/*");
    const rw = compileRewrite("/v2/player/:id/*");
    assert.equal(rw(matchPath(pat, "/api/players/7/inventory/3")!), "/v2/player/7/inventory/3");
    assert.equal(rw(matchPath(pat, "/api/players/7")!), "/v2/player/7");
    assert.equal(compileRewrite("/*")(matchPath(p("/hello/*"), "/hello")!), "/");
  });
  it("refuses a template that uses what the path does not capture", () => {
    assert.match(checkRewrite(p("/a/:id"), "/b/:name")!, /:name/);
    assert.match(checkRewrite(p("/a/:id"), "/b/*")!, /\*/);
    assert.equal(checkRewrite(p("/a/:id/*"), "/b/:id/*"), null);
  });
});

describe("compareSpecificity", () => {
  it("puts literals before params before wildcards", () => {
    const sorted = ["/a/*", "/a/:id", "/a/b", "/*", "/a"].map(p).sort(compareSpecificity).map((x) => x.source);
    assert.deepEqual(sorted, ["/a/b", "/a/:id", "/a", "/a/*", "/*"]);
  });
});
