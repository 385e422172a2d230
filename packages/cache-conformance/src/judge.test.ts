// The judging logic on hand-made traces: what a conforming cache would produce must pass, what a
// broken one would produce must fail, and a missing precondition must be n.a.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { CASES } from "./cases/index.ts";
import { startOrigin } from "./origin.ts";
import { runCase, totalsOf, type CaseResult } from "./runner.ts";
import type { ClientResponse, OriginRequest, Trace } from "./types.ts";

const byId = (id: string) => {
  const c = CASES.find((x) => x.id === id);
  assert.ok(c, id);
  return c;
};

function r(body: string, originCount: number, extra: Partial<ClientResponse> = {}): ClientResponse {
  return { status: 200, headers: {}, body, ms: 5, originCount, ...extra };
}
function o(n: number, extra: Partial<OriginRequest> = {}): OriginRequest {
  return { n, method: "GET", path: "/r", headers: {}, body: "", at: 0, clientPrefix: "", answered: 200, ...extra };
}
const judge = (id: string, t: Trace) => byId(id).check(t).outcome;

test("reuse cases pass on a hit and fail on a second origin request", () => {
  assert.equal(judge("fresh-max-age-reused", { res: [r("answer 1", 1), r("answer 1", 1)], origin: [o(1)] }), "pass");
  assert.equal(judge("fresh-max-age-reused", { res: [r("answer 1", 1), r("answer 2", 2)], origin: [o(1), o(2)] }), "fail");
});

test("must-not-reuse cases fail on a hit", () => {
  assert.equal(judge("no-store-response", { res: [r("answer 1", 1), r("answer 1", 1)], origin: [o(1)] }), "fail");
  assert.equal(judge("vary-star-never-reused", { res: [r("answer 1", 1), r("answer 2", 2)], origin: [o(1), o(2)] }), "pass");
  assert.equal(judge("authorization-other-user", { res: [r("answer 1", 1), r("", 1, { status: 0, error: "reset" })], origin: [o(1)] }), "fail");
});

test("Age on a hit: plausible passes, missing fails, no hit is n.a.", () => {
  const hit = (age?: string) => ({ res: [r("answer 1", 1), r("answer 1", 1, { headers: age === undefined ? {} : { age } })], origin: [o(1)] });
  assert.equal(judge("age-includes-upstream", hit("31")), "pass");
  assert.equal(judge("age-includes-upstream", hit("0")), "fail");
  assert.equal(judge("age-on-hit", hit()), "fail");
  assert.equal(judge("age-on-hit", { res: [r("answer 1", 1), r("answer 2", 2)], origin: [o(1), o(2)] }), "na");
});

test("validation: If-None-Match judged only when the cache stored and validated", () => {
  const stale = (validator: OriginRequest) => ({ res: [r("answer 1", 1), r("answer 1", 1), r("answer 1", 2)], origin: [o(1), validator] });
  assert.equal(judge("validate-etag-if-none-match", stale(o(2, { headers: { "if-none-match": '"v1"' }, answered: 304 }))), "pass");
  assert.equal(judge("validate-etag-if-none-match", stale(o(2, { headers: { "if-modified-since": "x" } }))), "fail");
  assert.equal(judge("validate-etag-if-none-match", stale(o(2))), "na");
  assert.equal(judge("validate-stale-conditionally", stale(o(2))), "fail");
  assert.equal(judge("validate-etag-if-none-match", { res: [r("answer 1", 1), r("answer 2", 2), r("answer 3", 3)], origin: [o(1), o(2), o(3)] }), "na");
});

test("a 304 from the origin must reach the client as 200 with the stored body", () => {
  const after = (second: ClientResponse) => ({ res: [r("answer 1", 1), second], origin: [o(1), o(2, { answered: 304 })] });
  assert.equal(judge("validate-304-serves-stored-body", after(r("answer 1", 2))), "pass");
  assert.equal(judge("validate-304-serves-stored-body", after(r("", 2, { status: 304 }))), "fail");
  assert.equal(judge("validate-304-updates-headers", after(r("answer 1", 2, { headers: { "x-revision": "2" } }))), "pass");
  assert.equal(judge("validate-304-updates-headers", after(r("answer 1", 2, { headers: { "x-revision": "1" } }))), "fail");
});

test("stale-while-revalidate: stale at once then refreshed passes; a blocking refresh fails", () => {
  const bg = { res: [r("answer 1", 1), r("answer 1", 1), r("answer 2", 2)], origin: [o(1), o(2)] };
  assert.equal(judge("swr-refreshes-in-background", bg), "pass");
  assert.equal(judge("swr-refreshes-in-background", { ...bg, res: [r("answer 1", 1), r("answer 1", 1), r("answer 1", 2)] }), "fail");
  assert.equal(judge("swr-serves-stale-at-once", { res: [r("answer 1", 1), r("answer 1", 2, { ms: 650 })], origin: [o(1), o(2)] }), "fail");
  assert.equal(judge("swr-serves-stale-at-once", { res: [r("answer 1", 1), r("answer 1", 1, { ms: 3 })], origin: [o(1)] }), "pass");
});

test("invalidation: the GET after a successful POST must not be a hit", () => {
  const hitAfter = { res: [r("answer 1", 1), r("answer 1", 1), r("answer 2", 2), r("answer 1", 2)], origin: [o(1), o(2, { method: "POST" })] };
  assert.equal(judge("invalidate-post-200", hitAfter), "fail");
  assert.equal(judge("invalidate-post-500-keeps", hitAfter), "pass");
  assert.equal(judge("invalidate-not-other-origin", hitAfter), "pass");
  assert.equal(judge("invalidate-location", hitAfter), "fail");
});

test("coalescing: the cacheable case is a figure; a private answer handed to two clients fails", () => {
  const eight = (bodies: string[]) => ({ res: bodies.map((b) => r(b, 1)), origin: [o(1)] });
  const v = byId("coalescing-cold-cacheable").check(eight(Array(8).fill("answer 1")));
  assert.equal(v.outcome, "measured");
  assert.equal(v.figure, 1);
  assert.equal(judge("coalescing-private-not-shared", eight(Array(8).fill("answer 1"))), "fail");
});

test("totals count per level and leave measured figures out", () => {
  const res = (level: CaseResult["level"], outcome: CaseResult["outcome"]): CaseResult => ({ id: "x", topic: "storage", level, ref: "", title: "", outcome, detail: "", ms: 0 });
  const totals = totalsOf([res("must", "pass"), res("must", "fail"), res("should", "na"), res("may", "measured")]);
  assert.deepEqual(totals, { must: { passed: 1, failed: 1, na: 0 }, should: { passed: 0, failed: 0, na: 1 }, may: { passed: 0, failed: 0, na: 0 } });
});

test("a cache that never answers fails the case after the case timeout, and the run goes on", async () => {
  const origin = await startOrigin();
  const hang = createServer(() => {});
  await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", resolve));
  try {
    const base = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const started = Date.now();
    const v = await runCase(byId("fresh-max-age-reused"), { base, origin, run: "t", caseTimeoutMs: 300, requestTimeoutMs: 5000 });
    assert.equal(v.outcome, "fail");
    assert.match(v.detail, /did not finish within 300 ms/);
    assert.ok(Date.now() - started < 1500);
  } finally {
    hang.closeAllConnections();
    await new Promise<void>((resolve) => hang.close(() => resolve()));
    await origin.close();
  }
});

test("every case has a stable kebab-case id, a ref and a title", () => {
  for (const c of CASES) {
    assert.match(c.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, c.id);
    assert.match(c.ref, /RFC \d+/, c.id);
    assert.ok(c.title.length > 10, c.id);
  }
});
