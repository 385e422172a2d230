import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { send } from "./client.ts";
import { startOrigin, type Origin } from "./origin.ts";

let origin: Origin;
before(async () => {
  origin = await startOrigin();
});
after(() => origin.close());

const prefix = (id: string) => `${origin.url}/${id}/run1`;

test("records each request with its method, relative path, headers and body", async () => {
  origin.serve("rec", () => ({}), "http://client/rec/run1");
  await send(prefix("rec"), { path: "/a/b", headers: { authorization: "Bearer x", "if-none-match": '"e"' } }, 2000);
  await send(prefix("rec"), { method: "POST", body: "hello" }, 2000);
  const [first, second] = origin.requests("rec");
  assert.equal(first?.n, 1);
  assert.equal(first?.path, "/a/b");
  assert.equal(first?.headers.authorization, "Bearer x");
  assert.equal(first?.headers["if-none-match"], '"e"');
  assert.equal(first?.clientPrefix, "http://client/rec/run1");
  assert.equal(second?.method, "POST");
  assert.equal(second?.body, "hello");
  assert.equal(second?.answered, 200);
});

test("answers with a correct Date by default, and the script's Date when it sets one", async () => {
  origin.serve("date", (req) => (req.n === 1 ? {} : { headers: { date: "Mon, 01 Jan 2024 00:00:00 GMT" } }), "");
  const a = await send(prefix("date"), {}, 2000);
  const b = await send(prefix("date"), {}, 2000);
  assert.ok(Math.abs(Date.parse(String(a.headers.date)) - Date.now()) < 2000);
  assert.equal(b.headers.date, "Mon, 01 Jan 2024 00:00:00 GMT");
  assert.equal(a.body, "answer 1");
  assert.equal(b.body, "answer 2");
});

test("validate answers 304 only when If-None-Match matches (weakly) or If-Modified-Since is not older", async () => {
  const lm = "Mon, 01 Jan 2024 00:00:00 GMT";
  origin.serve("val", () => ({ headers: { etag: '"v1"', "last-modified": lm }, validate: true }), "");
  assert.equal((await send(prefix("val"), { headers: { "if-none-match": 'W/"v1"' } }, 2000)).status, 304);
  assert.equal((await send(prefix("val"), { headers: { "if-none-match": '"v2", "v1"' } }, 2000)).status, 304);
  assert.equal((await send(prefix("val"), { headers: { "if-none-match": '"v2"' } }, 2000)).status, 200);
  assert.equal((await send(prefix("val"), { headers: { "if-modified-since": lm } }, 2000)).status, 304);
  assert.equal((await send(prefix("val"), { headers: { "if-modified-since": "Sun, 31 Dec 2023 00:00:00 GMT" } }, 2000)).status, 200);
  // If-None-Match takes precedence over If-Modified-Since (RFC 9110 §13.2.2).
  assert.equal((await send(prefix("val"), { headers: { "if-none-match": '"v2"', "if-modified-since": lm } }, 2000)).status, 200);
  assert.equal((await send(prefix("val"), {}, 2000)).status, 200);
});

test("fail: close drops the connection; delayMs holds the answer back", async () => {
  origin.serve("down", (req) => (req.n === 1 ? { fail: "close" } : { delayMs: 150 }), "");
  const dropped = await send(prefix("down"), {}, 2000);
  assert.equal(dropped.status, 0);
  assert.ok(dropped.error);
  const slow = await send(prefix("down"), {}, 2000);
  assert.equal(slow.status, 200);
  assert.ok(slow.ms >= 140, `answered after ${slow.ms} ms`);
  assert.equal(origin.requests("down")[0]?.answered, 0);
});

test("a path with no case installed gets a 404 that no cache may store; serve() resets the record", async () => {
  const r = await send(`${origin.url}/nope/x`, {}, 2000);
  assert.equal(r.status, 404);
  assert.equal(r.headers["cache-control"], "no-store");
  origin.serve("rec", () => ({}), "");
  assert.deepEqual(origin.requests("rec"), []);
});

test("null removes a default header, and HEAD gets headers without content", async () => {
  origin.serve("hdr", () => ({ headers: { "content-type": null, "x-a": "1" } }), "");
  const r = await send(prefix("hdr"), { method: "HEAD" }, 2000);
  assert.equal(r.headers["content-type"], undefined);
  assert.equal(r.headers["x-a"], "1");
  assert.equal(r.headers["content-length"], "8");
  assert.equal(r.body, "");
});
