import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { checkFile } from "../check-file.ts";
import { mapTtaConfig } from "./map-tta-config.ts";

const sample = parse(readFileSync(new URL("../../../../config/tta_config.yaml", import.meta.url), "utf8"));

describe("import of the design's tta_config.yaml", () => {
  it("maps the sample's gateway section onto a valid GatewayConfig and lists what it did not map", () => {
    const { document, notMapped } = mapTtaConfig(sample);
    const snapshot = checkFile(stringify(document), "sample");
    assert.deepEqual(snapshot.services.map((s) => [s.name, s.instances.map((i) => i.url)]), [["players", ["http://127.0.0.1:5102"]], ["chat", ["http://127.0.0.1:5105"]]]);
    const chat = snapshot.routes.find((r) => r.name === "chat-api")!;
    assert.deepEqual([chat.safetyScan, chat.maskResponsePii, chat.timeoutMs, chat.rateLimitPolicy], ["enforce", true, 15_000, "default"]);
    assert.equal(snapshot.rateLimitPolicies[0]?.limit, 100);
    assert.deepEqual(notMapped.map((n) => n.path).sort(), ["environment", "gateway.port", "redis"]);
  });

  it("never carries a secret value over, and says so", () => {
    const { document, notMapped } = mapTtaConfig({ gateway: { auth_policies: { hs: { issuer: "x", algorithms: ["HS256"], jwt_secret: "s3cret", secret_ref: "TTA_JWT_SECRET" } } } });
    assert.doesNotMatch(JSON.stringify(document), /s3cret/);
    assert.equal((document.authPolicies as Array<{ secretRef: string }>)[0]?.secretRef, "TTA_JWT_SECRET");
    assert.match(notMapped.find((n) => n.path === "gateway.auth_policies.hs.jwt_secret")!.reason, /never imported/);
  });

  it("reports a file without a gateway section", () => {
    assert.deepEqual(mapTtaConfig({ redis: {} }).notMapped, [{ path: "gateway", reason: "the file has no gateway: section" }]);
  });
});
