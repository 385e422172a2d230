import { test } from "node:test";
import assert from "node:assert/strict";
import { ipSet } from "../../net/ip-set.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { requestHeaders } from "./request-headers.ts";

// The fake request's peer is 127.0.0.1.
const run = async (options: { trusted: boolean; secure?: boolean; proto?: string }) => {
  const { ctx } = fakeContext({ headers: { host: "gw", ...(options.proto ? { "x-forwarded-proto": options.proto } : {}) }, secure: options.secure });
  await requestHeaders({ trustedProxies: options.trusted ? ipSet(["127.0.0.0/8"]) : null })(ctx, async () => {});
  return ctx;
};

test("a request is secure when its listener is the HTTPS one, or when a trusted proxy says https; a client's own claim counts for nothing", async () => {
  assert.equal((await run({ trusted: false, proto: "https" })).secure, false, "an untrusted X-Forwarded-Proto");
  assert.equal((await run({ trusted: true, proto: "https" })).secure, true);
  assert.equal((await run({ trusted: true, proto: "https, http" })).secure, true, "the first entry is the client's scheme");
  assert.equal((await run({ trusted: true, proto: "http" })).secure, false);
  assert.equal((await run({ trusted: false, secure: true })).secure, true, "over the gateway's own TLS");
});
