import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { fixtureSnapshot } from "./fixture.test-support.ts";
import { parseConfigFile } from "./parse.ts";
import { serialiseConfigFile } from "./serialise.ts";

/** The fixture's file, edited as an object. */
function edited(edit: (doc: any) => void): string {
  const doc = parse(serialiseConfigFile(fixtureSnapshot(), "test"));
  edit(doc);
  return stringify(doc);
}

function errorsOf(text: string) {
  const result = parseConfigFile(text);
  assert.equal(result.ok, false, "expected the file to be refused");
  return result.ok ? [] : result.errors;
}

describe("config file validation", () => {
  it("reports YAML syntax errors with line and column", () => {
    const [error, ...rest] = errorsOf("apiVersion: tta.gateway/v1\nkind: GatewayConfig\nservices: [\n  name: : x\n");
    assert.ok(error);
    assert.match(error.message, /^YAML syntax error at line \d+, column \d+: /);
    assert.ok(rest.length >= 0);
    assert.match(errorsOf("a: 1\na: 2\n")[0]!.message, /line 2, column 1: Map keys must be unique/);
  });

  it("refuses a file without the header, naming what it must be", () => {
    const errors = errorsOf("apiVersion: v0\nkind: Something\nservices: []\nroutes: []\n");
    assert.deepEqual(errors.map((e) => e.path), ["apiVersion", "kind"]);
    assert.match(errors[0]!.message, /must be "tta\.gateway\/v1" \(line 1\)/);
    assert.match(errorsOf("- just a list\n")[0]!.message, /expected a mapping/);
    assert.equal(errorsOf("apiVersion: tta.gateway/v1\nkind: GatewayConfig\nservices: []\nroutes: []\nroute: []\n")[0]!.path, "route");
  });

  it("a route's compression policy: a bad content type and a misspelt key are named by their path", () => {
    const bad = errorsOf(edited((doc) => (doc.routes[0].compression.contentTypes = ["application/json", "*/*"])));
    assert.deepEqual(bad.map((e) => e.path), ["routes[0].compression.contentTypes[1]"]);
    assert.match(bad[0]!.message, /^name the types .*\(line \d+\)$/);
    const misspelt = errorsOf(edited((doc) => (doc.routes[0].compression.minSize = 10)));
    assert.deepEqual(misspelt.map((e) => e.path), ["routes[0].compression.minSize"]);
  });

  it("names a bad field by its path in the file, with its line", () => {
    const text = edited((doc) => {
      doc.routes[1].path = "no-slash";
      doc.routes[0].timeoutMs = 5;
    });
    const errors = errorsOf(text);
    const byPath = new Map(errors.map((e) => [e.path, e.message]));
    assert.match(byPath.get("routes[0].timeoutMs") ?? "", /at least 100 ms \(line \d+\)/);
    assert.ok(byPath.has("routes[1].path"), JSON.stringify(errors));
    const line = Number(/line (\d+)/.exec(byPath.get("routes[1].path")!)![1]);
    assert.match(text.split("\n")[line - 1]!, /path: no-slash/);
  });

  it("checks references across the file: an unknown service or policy", () => {
    const errors = errorsOf(edited((doc) => { doc.routes[0].service = "nobody"; doc.routes[0].rateLimitPolicy = "none-such"; }));
    assert.deepEqual(errors.map((e) => e.path).sort(), ["routes[0].rateLimitPolicy", "routes[0].service"]);
    assert.match(errors.find((e) => e.path === "routes[0].service")!.message, /unknown service "nobody"/);
  });

  it("refuses fields nobody reads (a misspelt timeout)", () => {
    const errors = errorsOf(edited((doc) => { doc.routes[0].timeout = 5000; doc.services[0].healthCheck.intervalMS = 1; }));
    assert.deepEqual(errors.map((e) => e.path), ["services[0].healthCheck.intervalMS", "routes[0].timeout"]);
    assert.match(errors[0]!.message, /is not a field here/);
  });

  it("refuses a secret value where a reference belongs", () => {
    const errors = errorsOf(edited((doc) => { doc.authPolicies[0].secretRef = "s3cr3t-value-pasted-here"; }));
    assert.equal(errors[0]!.path, "authPolicies[0].secretRef");
    assert.match(errors[0]!.message, /environment variable name/);
  });

  it("refuses a file far too long, and alias bombs", () => {
    assert.match(errorsOf("#".repeat(2 * 1024 * 1024 + 1))[0]!.message, /longer than/);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${"bcdefghij"[i]}: &${"bcdefghij"[i]} [${Array(10).fill(`*${"abcdefghij"[i]}`).join(", ")}]`)].join("\n");
    assert.equal(parseConfigFile(bomb).ok, false);
  });
});
