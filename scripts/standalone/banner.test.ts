import assert from "node:assert/strict";
import { test } from "node:test";
import { banner, signInLine } from "./banner.ts";

const admin = { email: "admin@tta.local", password: "first-generated-pw" };
const file = ".data/admin-credentials.json";

test("the password is printed when this start created the admin", () => {
  assert.equal(signInLine({ admin, adminCreated: true, credentialsFile: file }), "admin@tta.local / first-generated-pw");
});

test("an admin from an earlier start: no password (it may have been changed in the console), the file is named", () => {
  const line = signInLine({ admin, adminCreated: false, credentialsFile: file });
  assert.ok(!line.includes(admin.password), line);
  assert.equal(line, "admin@tta.local / (set on an earlier start; see .data/admin-credentials.json if unchanged since)");
});

test("an existing admin and a password from TTA_ADMIN_PASSWORD: no password either", () => {
  const line = signInLine({ admin, adminCreated: false, credentialsFile: null });
  assert.ok(!line.includes(admin.password), line);
});

test("the banner keeps its first line", () => {
  const text = banner({ host: "127.0.0.1", ports: { gateway: 8080, admin: 8081, postgres: 54329 }, consoleUrl: "http://127.0.0.1:3000", admin, adminCreated: false, credentialsFile: file, database: { embedded: false } });
  assert.match(text, /^TTA Gateway is up \(standalone\)\.$/m);
  assert.match(text, /Console {4}http:\/\/127\.0\.0\.1:3000/);
});

test("the HTTPS listener shows when TLS is configured, and only then", () => {
  const base = { host: "127.0.0.1", ports: { gateway: 8080, admin: 8081, postgres: 54329 }, consoleUrl: null, admin, adminCreated: false, credentialsFile: file, database: { embedded: false } as const };
  assert.match(banner({ ...base, httpsPort: 8443 }), /^ {2}HTTPS {6}https:\/\/127\.0\.0\.1:8443 /m);
  assert.doesNotMatch(banner({ ...base, httpsPort: null }), /HTTPS/);
});
