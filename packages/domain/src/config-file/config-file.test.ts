import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { diffSnapshots } from "../snapshot-diff.ts";
import { fixtureSnapshot } from "./fixture.test-support.ts";
import { CONFIG_FILE_API_VERSION, CONFIG_FILE_KIND, FILE_ROUTE_ID } from "./format.ts";
import { parseConfigFile } from "./parse.ts";
import { serialiseConfigFile } from "./serialise.ts";

describe("config file round trip", () => {
  it("writes the header, then the sections in a fixed order, without route ids", () => {
    const text = serialiseConfigFile(fixtureSnapshot(), "revision 3");
    assert.match(text, /^# TTA Gateway configuration: revision 3\./);
    const doc = parse(text);
    assert.deepEqual(Object.keys(doc), ["apiVersion", "kind", "services", "rateLimitPolicies", "authPolicies", "routes", "safetyRules"]);
    assert.equal(doc.apiVersion, CONFIG_FILE_API_VERSION);
    assert.equal(doc.kind, CONFIG_FILE_KIND);
    assert.equal(doc.routes[0].name, "players-api");
    assert.equal("id" in doc.routes[0], false);
    assert.equal(text.includes("rt_a"), false);
    assert.equal(text.includes("*a1"), false, "no YAML aliases");
  });

  it("reads back what it wrote: same snapshot but for route ids, empty diff, same text again", () => {
    const snap = fixtureSnapshot();
    const text = serialiseConfigFile(snap, "the working copy");
    const back = parseConfigFile(text);
    assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
    assert.deepEqual(diffSnapshots(snap, back.snapshot), []);
    assert.deepEqual(back.snapshot.routes.map((r) => r.id), [FILE_ROUTE_ID, FILE_ROUTE_ID]);
    assert.deepEqual(
      back.snapshot,
      { ...snap, routes: snap.routes.map((r) => ({ ...r, id: FILE_ROUTE_ID })) },
    );
    assert.equal(serialiseConfigFile(back.snapshot, "the working copy"), text);
  });

  it("exports a secret as its reference (the environment variable), never a value", () => {
    const text = serialiseConfigFile(fixtureSnapshot(), "x");
    assert.match(text, /secretRef: TTA_JWT_SECRET/);
  });

  it("keeps a service's upstream TLS as file references, and names a misspelt TLS field", () => {
    const text = serialiseConfigFile(fixtureSnapshot(), "x");
    assert.match(text, /certFile: env:CHAT_TLS_CERT_FILE/);
    const misspelt = parseConfigFile(text.replace("caFile: /etc/tta/tls/ca.pem", "caFlie: /etc/tta/tls/ca.pem"));
    assert.ok(!misspelt.ok);
    assert.ok(misspelt.errors.some((e) => /services\[1\]\.tls\.caFlie/.test(e.path)), JSON.stringify(misspelt.errors));
  });

  it("fills defaults for fields a hand-written file leaves out", () => {
    const back = parseConfigFile(
      [
        "apiVersion: tta.gateway/v1",
        "kind: GatewayConfig",
        "services:",
        "  - name: players",
        "    instances: [{ url: 'http://127.0.0.1:4102' }]",
        "routes:",
        "  - { name: players-api, path: /api/players/*, service: players }",
      ].join("\n"),
    );
    assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
    assert.equal(back.snapshot.routes[0]!.timeoutMs, 30_000);
    assert.deepEqual(back.snapshot.rateLimitPolicies, []);
    assert.equal(back.snapshot.safetyRules, null);
  });
});
