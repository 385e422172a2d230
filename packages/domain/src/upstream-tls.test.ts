import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalJson } from "./checksum.ts";
import { ZService } from "./schemas.ts";
import { ZUpstreamTls } from "./upstream-tls.ts";

const service = (tls: unknown) => ZService.safeParse({ name: "players", instances: [{ url: "https://players.internal:8443" }], tls });
const messages = (tls: unknown) => {
  const parsed = service(tls);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

test("a service without tls stays without it (existing snapshots keep their checksum); rejectUnauthorized defaults to true", () => {
  const plain = service(undefined);
  assert.ok(plain.success);
  assert.equal(plain.data.tls, undefined);
  assert.doesNotMatch(canonicalJson(plain.data), /tls/);
  assert.deepEqual(ZUpstreamTls.parse({ caFile: "/etc/tta/tls/ca.pem" }), { caFile: "/etc/tta/tls/ca.pem", rejectUnauthorized: true });
});

test("file references are absolute paths or env:NAME with TLS in the name", () => {
  assert.deepEqual(messages({ caFile: "/etc/tta/ca.pem", certFile: "env:PLAYERS_TLS_CERT_FILE", keyFile: "env:PLAYERS_TLS_KEY_FILE", serverName: "Players.Internal" }), []);
  assert.match(messages({ caFile: "ca.pem" })[0]!, /^tls\.caFile: an absolute path/);
  assert.match(messages({ caFile: "env:DATABASE_URL" })[0]!, /^tls\.caFile: the variable's name must contain TLS/);
  assert.match(messages({ caFile: "/etc/tta/../shadow" })[0]!, /must not contain \.\./);
  assert.match(messages({ caFile: "-----BEGIN CERTIFICATE-----" })[0]!, /an absolute path/, "key material itself is refused");
});

test("a client certificate and its key come together; serverName is a host name", () => {
  assert.deepEqual(messages({ certFile: "/tls/client.pem" }), ["tls.keyFile: a client certificate needs its key file"]);
  assert.deepEqual(messages({ keyFile: "/tls/client.key" }), ["tls.certFile: a key file needs its client certificate"]);
  assert.match(messages({ serverName: "10.0.0.1" })[0]!, /^tls\.serverName: a host name/);
  assert.match(messages({ serverName: "players:8443" })[0]!, /^tls\.serverName: a host name/);
});
