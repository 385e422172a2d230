import { test } from "node:test";
import assert from "node:assert/strict";
import { EnvError, parseEnv, readTlsFileRefs } from "./env.ts";

const base = { DATABASE_URL: "postgres://x@h/db" };
const refused = (source: Record<string, string>) => {
  try {
    parseEnv({ ...base, ...source });
  } catch (error) {
    assert.ok(error instanceof EnvError);
    return error.message;
  }
  return assert.fail("expected an EnvError");
};

test("TLS is off by default; on with a cert and key, HTTP/2 offered, no redirect, port 8443", () => {
  const off = parseEnv(base);
  assert.equal(off.GATEWAY_TLS_CERT_FILE, undefined);
  const on = parseEnv({ ...base, GATEWAY_TLS_CERT_FILE: "/tls/tls.crt", GATEWAY_TLS_KEY_FILE: "/tls/tls.key", GATEWAY_HTTP_REDIRECT: "on", GATEWAY_TLS_HTTP2: "0" });
  assert.deepEqual([on.GATEWAY_TLS_PORT, on.GATEWAY_TLS_HTTP2, on.GATEWAY_HTTP_REDIRECT, on.GATEWAY_HTTPS_REDIRECT_PORT], [8443, false, true, undefined]);
  assert.equal(parseEnv({ ...base, GATEWAY_TLS_CERT_FILE: "/a", GATEWAY_TLS_KEY_FILE: "/b" }).GATEWAY_TLS_HTTP2, true);
});

test("a cert without its key, a key without its cert, a CA or a redirect without TLS, and relative paths are refused by name", () => {
  assert.match(refused({ GATEWAY_TLS_CERT_FILE: "/tls/tls.crt" }), /GATEWAY_TLS_KEY_FILE: is required with GATEWAY_TLS_CERT_FILE/);
  assert.match(refused({ GATEWAY_TLS_KEY_FILE: "/tls/tls.key" }), /GATEWAY_TLS_CERT_FILE: is required with GATEWAY_TLS_KEY_FILE/);
  assert.match(refused({ GATEWAY_TLS_CA_FILE: "/tls/ca.pem" }), /GATEWAY_TLS_CA_FILE: needs GATEWAY_TLS_CERT_FILE/);
  assert.match(refused({ GATEWAY_HTTP_REDIRECT: "1" }), /GATEWAY_HTTP_REDIRECT: needs the HTTPS listener/);
  assert.match(refused({ GATEWAY_TLS_CERT_FILE: "tls.crt", GATEWAY_TLS_KEY_FILE: "/k" }), /GATEWAY_TLS_CERT_FILE: must be an absolute path/);
  assert.match(refused({ GATEWAY_TLS_CERT_FILE: "/c", GATEWAY_TLS_KEY_FILE: "/k", GATEWAY_TLS_PORT: "8080" }), /GATEWAY_TLS_PORT: must differ from GATEWAY_PORT/);
  assert.match(refused({ GATEWAY_HTTP_REDIRECT: "sometimes" }), /GATEWAY_HTTP_REDIRECT: must be 1\/true\/on\/yes/);
});

test("upstream TLS file references: variables with TLS in the name only", () => {
  const refs = readTlsFileRefs({ PLAYERS_TLS_CA_FILE: "/etc/tls/ca.pem", DATABASE_URL: "postgres://secret", TLS_EMPTY: " ", lower_tls: "/x" });
  assert.deepEqual([...refs], [["PLAYERS_TLS_CA_FILE", "/etc/tls/ca.pem"]]);
});
