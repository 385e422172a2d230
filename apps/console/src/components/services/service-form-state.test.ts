import assert from "node:assert/strict";
import { test } from "node:test";
import { ZService } from "@tta/domain/browser";
import { emptyService, instanceErrors, instanceRow, localServiceFieldErrors, serviceErrors, serviceFieldOf, toServiceFormState, toServiceInput, validateServiceLocally } from "./service-form-state.ts";

const saved = ZService.parse({
  name: "players",
  environment: "prod",
  therapeuticPriority: "crisis",
  loadBalancing: "health_based",
  dependencies: ["auth"],
  healthCheck: { intervalMs: 3_000 },
  circuitBreaker: { failureThreshold: 7, openMs: 9_000 },
  instances: [{ url: "http://10.0.0.1:4102", weight: 3 }],
});

test("a saved service goes through the form unchanged (the legacy failureThreshold becomes connectionFailureThreshold)", () => {
  const back = ZService.parse(toServiceInput(toServiceFormState(saved)));
  const { failureThreshold: _legacy, ...breaker } = saved.circuitBreaker;
  assert.deepEqual(back, { ...saved, circuitBreaker: { ...breaker, connectionFailureThreshold: 7 } });
});

test("blank breaker fields stay unset (they follow the priority); a blank weight is 1", () => {
  const s = { ...emptyService(), name: "ledger", instances: [instanceRow("http://127.0.0.1:4301", "")] };
  const input = ZService.parse(toServiceInput(s));
  assert.deepEqual(input.circuitBreaker, { halfOpenProbes: 2 });
  assert.equal(input.instances[0]!.weight, 1);
  assert.deepEqual(validateServiceLocally(s), {});
});

test("error paths land on their fields; instance errors stay per row", () => {
  assert.equal(serviceFieldOf("healthCheck.unhealthyThreshold"), "unhealthyThreshold");
  assert.equal(serviceFieldOf("circuitBreaker.panicThreshold"), "breakerPanicThreshold");
  assert.equal(serviceFieldOf("instances.3.url"), "instances");
  assert.equal(serviceFieldOf("elsewhere"), "form");
  const s = { ...emptyService(), name: "ledger", dependencies: ["auth", "ghost"] };
  assert.equal(serviceErrors([{ path: "dependencies.1", message: 'unknown service "ghost"' }], s).dependencies, '"ghost": unknown service "ghost"');
  assert.deepEqual(
    instanceErrors([
      { path: "instances", message: "a service needs at least one instance" },
      { path: "instances.1.url", message: "this URL is listed twice" },
      { path: "instances.0.weight", message: "Too big" },
      { path: "name", message: "taken" },
    ]),
    { list: "a service needs at least one instance", rows: { 1: { url: "this URL is listed twice" }, 0: { weight: "Too big" } } },
  );
});

test("local validation finds bad URLs, weights, thresholds and repeated URLs", () => {
  const s = {
    ...emptyService(),
    name: "ledger",
    healthyThreshold: "0",
    instances: [instanceRow("nope", "1"), instanceRow("http://127.0.0.1:1", "500"), instanceRow("http://127.0.0.1:1/", "1")],
  };
  const errors = validateServiceLocally(s);
  assert.deepEqual(Object.keys(errors).sort(), ["healthyThreshold", "instances"]);
  const rows = instanceErrors(localServiceFieldErrors(s));
  assert.deepEqual(Object.keys(rows.rows).sort(), ["0", "1", "2"]);
  assert.equal(rows.rows[0]!.url, "must be a URL such as http://127.0.0.1:4001");
  assert.match(rows.rows[1]!.weight!, /100/);
  assert.equal(rows.rows[2]!.url, "this URL is listed twice");
});

test("TLS to instances: file references round-trip; blank fields mean no tls; errors land on the TLS fields", () => {
  const withTls = ZService.parse({ ...saved, instances: [{ url: "https://players.internal:8443" }], tls: { caFile: "/etc/tta/tls/ca.pem", certFile: "env:PLAYERS_TLS_CERT_FILE", keyFile: "env:PLAYERS_TLS_KEY_FILE", serverName: "players.internal" } });
  const state = toServiceFormState(withTls);
  assert.equal(state.tlsCertFile, "env:PLAYERS_TLS_CERT_FILE");
  assert.equal(state.tlsVerify, true);
  assert.deepEqual(ZService.parse(toServiceInput(state)).tls, withTls.tls);
  assert.equal(toServiceInput(toServiceFormState(saved)).tls, undefined, "a service without TLS stays without");
  assert.deepEqual(toServiceInput({ ...state, tlsCaFile: "", tlsCertFile: "", tlsKeyFile: "", tlsServerName: "", tlsVerify: false }).tls, { rejectUnauthorized: false });

  const errors = validateServiceLocally({ ...state, tlsKeyFile: "", tlsCaFile: "-----BEGIN CERTIFICATE-----" });
  assert.equal(errors.tlsKeyFile, "a client certificate needs its key file");
  assert.match(errors.tlsCaFile ?? "", /an absolute path/);
  assert.equal(serviceFieldOf("tls.serverName"), "tlsServerName");
});
