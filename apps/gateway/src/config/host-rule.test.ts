import { test } from "node:test";
import assert from "node:assert/strict";
import { matchHost, parseHostRule, requestHost } from "./host-rule.ts";

const matches = (rule: string, header: string) => matchHost(parseHostRule(rule), requestHost(header));

test("an exact host ignores the request's port unless the rule names one", () => {
  assert.equal(matches("api.tta.dev", "api.tta.dev"), true);
  assert.equal(matches("api.tta.dev", "API.tta.dev:8080"), true);
  assert.equal(matches("api.tta.dev", "api.tta.dev."), true);
  assert.equal(matches("api.tta.dev", "other.tta.dev"), false);
  assert.equal(matches("api.tta.dev:8080", "api.tta.dev:8080"), true);
  assert.equal(matches("api.tta.dev:8080", "api.tta.dev:9090"), false);
  assert.equal(matches("api.tta.dev:8080", "api.tta.dev"), false);
});

test("a wildcard host matches sub-domains at any depth but not the bare domain", () => {
  assert.equal(matches("*.tta.dev", "a.tta.dev"), true);
  assert.equal(matches("*.tta.dev", "a.b.tta.dev:443"), true);
  assert.equal(matches("*.tta.dev", "tta.dev"), false);
  assert.equal(matches("*.tta.dev", "evil-tta.dev"), false);
  assert.equal(matches("*.tta.dev:8080", "a.tta.dev:8080"), true);
  assert.equal(matches("*.tta.dev:8080", "a.tta.dev"), false);
});

test("IPv6 literals keep their brackets; a missing Host header matches no host rule", () => {
  assert.deepEqual(requestHost("[::1]:8080"), { full: "[::1]:8080", name: "[::1]" });
  assert.deepEqual(requestHost("[::1]"), { full: "[::1]", name: "[::1]" });
  assert.equal(matches("api.tta.dev", ""), false);
  assert.equal(matchHost(parseHostRule("*.tta.dev"), requestHost(undefined)), false);
});
