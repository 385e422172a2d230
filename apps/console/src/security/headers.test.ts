import assert from "node:assert/strict";
import { test } from "node:test";
import { contentSecurityPolicy, newNonce, servedOverHttps, STATIC_SECURITY_HEADERS } from "./headers.ts";

test("the CSP is nonce-based and closes the usual holes", () => {
  const csp = contentSecurityPolicy("abc", { dev: false, https: false });
  for (const part of ["script-src 'self' 'nonce-abc' 'strict-dynamic'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'"]) {
    assert.ok(csp.includes(part), part);
  }
  assert.doesNotMatch(csp, /unsafe-eval|upgrade-insecure-requests/);
  assert.match(contentSecurityPolicy("abc", { dev: true, https: false }), /'unsafe-eval'/);
  assert.match(contentSecurityPolicy("abc", { dev: false, https: true }), /upgrade-insecure-requests$/);
});

test("nonces are fresh, 128-bit base64", () => {
  const a = newNonce();
  assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(a, newNonce());
});

test("https when NEXTAUTH_URL is https, or a trusted proxy says so", () => {
  assert.equal(servedOverHttps({ nextAuthUrl: "https://console.example", trustProxy: false, forwardedProto: null }), true);
  assert.equal(servedOverHttps({ nextAuthUrl: "http://127.0.0.1:3000", trustProxy: false, forwardedProto: null }), false);
  assert.equal(servedOverHttps({ nextAuthUrl: undefined, trustProxy: false, forwardedProto: null }), false);
  assert.equal(servedOverHttps({ nextAuthUrl: "http://127.0.0.1:3000", trustProxy: true, forwardedProto: "https" }), true);
  assert.equal(servedOverHttps({ nextAuthUrl: undefined, trustProxy: true, forwardedProto: "HTTPS, http" }), true);
  // A client's own X-Forwarded-Proto counts for nothing unless a proxy is trusted to set it.
  assert.equal(servedOverHttps({ nextAuthUrl: "http://127.0.0.1:3000", trustProxy: false, forwardedProto: "https" }), false);
  assert.equal(servedOverHttps({ nextAuthUrl: undefined, trustProxy: true, forwardedProto: "http, https" }), false);
});

test("the fixed headers name COOP, CORP and Permissions-Policy", () => {
  const keys = STATIC_SECURITY_HEADERS.map((h) => h.key);
  for (const key of ["Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "X-Frame-Options"]) assert.ok(keys.includes(key), key);
});
