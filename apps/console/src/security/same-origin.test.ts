import assert from "node:assert/strict";
import { test } from "node:test";
import { checkSameOrigin, isSessionCookieName, type OriginFacts } from "./same-origin.ts";

const OWN = "http://127.0.0.1:3000";
const post = (facts: Partial<OriginFacts>): OriginFacts => ({ method: "POST", origin: null, secFetchSite: null, hasSessionCookie: true, ...facts });

test("a state-changing request from another origin is refused", () => {
  for (const origin of ["https://evil.example", "null", "http://127.0.0.1:3001", "https://127.0.0.1:3000", "http://localhost:3000"]) {
    assert.equal(checkSameOrigin(post({ origin }), OWN).ok, false, origin);
  }
  for (const method of ["PUT", "PATCH", "DELETE", "post"]) assert.equal(checkSameOrigin(post({ method, origin: "https://evil.example" }), OWN).ok, false, method);
});

test("Origin decides when present, even against Sec-Fetch-Site", () => {
  assert.equal(checkSameOrigin(post({ origin: OWN }), OWN).ok, true);
  assert.equal(checkSameOrigin(post({ origin: "https://evil.example", secFetchSite: "same-origin" }), OWN).ok, false);
});

test("without Origin, Sec-Fetch-Site must say same-origin", () => {
  assert.equal(checkSameOrigin(post({ secFetchSite: "same-origin" }), OWN).ok, true);
  for (const site of ["same-site", "cross-site", "none"]) assert.equal(checkSameOrigin(post({ secFetchSite: site }), OWN).ok, false, site);
});

test("without both: refused with a session cookie, allowed without one", () => {
  const refused = checkSameOrigin(post({}), OWN);
  assert.equal(refused.ok, false);
  assert.equal(checkSameOrigin(post({ hasSessionCookie: false }), OWN).ok, true);
});

test("reads are never refused here", () => {
  for (const method of ["GET", "HEAD", "OPTIONS"]) assert.equal(checkSameOrigin(post({ method, origin: "https://evil.example" }), OWN).ok, true, method);
});

test("session cookie names", () => {
  for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token", "next-auth.session-token.0"]) assert.equal(isSessionCookieName(name), true, name);
  for (const name of ["next-auth.csrf-token", "__Host-next-auth.csrf-token", "next-auth.callback-url", "x-next-auth.session-token"]) assert.equal(isSessionCookieName(name), false, name);
});
