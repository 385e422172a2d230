import assert from "node:assert/strict";
import { test } from "node:test";
import type { CachedResponse } from "../stores/http-cache/interface.ts";
import { Coalescer } from "./coalesce.ts";

const entry = { variant: "", status: 200, headers: {}, body: Buffer.from("x"), requestTime: 0, responseTime: 0, route: "r", userId: null, tags: [], url: "/" } satisfies CachedResponse;

test("the first request leads; the others get what it stored; the next one after leads again", async () => {
  const c = new Coalescer();
  const leader = c.join("k", 1_000);
  const follower = c.join("k", 1_000);
  assert.ok(leader?.leader && follower && !follower.leader);
  leader.done(entry);
  assert.equal(await follower.result, entry);
  assert.equal(c.size, 0);
  assert.equal(c.join("k", 1_000)?.leader, true);
});

test("a follower waits at most its time, then goes on with nothing", async () => {
  const c = new Coalescer();
  c.join("slow", 1_000);
  const follower = c.join("slow", 20);
  assert.ok(follower && !follower.leader);
  const started = Date.now();
  assert.equal(await follower.result, null);
  assert.ok(Date.now() - started < 500);
});

test("a key whose answer could not be stored is not coalesced for a while, then is again", () => {
  let now = 0;
  const c = new Coalescer(() => now);
  c.notStorable("echo");
  assert.equal(c.join("echo", 1_000), null, "go upstream side by side");
  now += 30_001;
  assert.equal(c.join("echo", 1_000)?.leader, true);
});
