import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { captureLogger } from "../testing/capture-logger.ts";
import { createTestPki, type IssuedCertificate, type TestPki } from "../testing/test-pki.ts";
import { CertificateError, loadCertificate, type LoadedCertificate } from "./certificate.ts";
import { startCertWatcher } from "./cert-watcher.ts";

let pki: TestPki;
let first: IssuedCertificate;
let second: IssuedCertificate;
let other: IssuedCertificate;

before(() => {
  pki = createTestPki("watcher");
  first = pki.issue("first");
  second = pki.issue("second");
  other = pki.issue("other");
});
after(() => pki.cleanup());

/** The files the listener is configured with, in a directory of their own. */
function liveFiles(from: IssuedCertificate) {
  const dir = mkdtempSync(join(pki.dir, "live-"));
  const files = { certFile: join(dir, "tls.crt"), keyFile: join(dir, "tls.key") };
  copyFileSync(from.certFile, files.certFile);
  copyFileSync(from.keyFile, files.keyFile);
  return files;
}

/** Replaces a file the way secret mounts and cert tools do: write beside it, rename over it. */
function replace(path: string, from: string) {
  copyFileSync(from, `${path}.tmp`);
  renameSync(`${path}.tmp`, path);
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("loadCertificate: a good pair gives its subject, serial and expiry; broken pairs are refused with a message naming the file", async () => {
  const loaded = await loadCertificate({ certFile: first.certFile, keyFile: first.keyFile, caFile: pki.caFile });
  assert.equal(loaded.serial, first.serial);
  assert.match(loaded.subject, /CN=first/);
  assert.ok(loaded.validTo > Date.now());
  await assert.rejects(loadCertificate({ certFile: first.certFile, keyFile: other.keyFile }), (e: Error) => e instanceof CertificateError && /does not belong to the certificate/.test(e.message));
  await assert.rejects(loadCertificate({ certFile: join(pki.dir, "none.pem"), keyFile: first.keyFile }), /certificate file .*none\.pem cannot be read \(ENOENT\)/);
  const junk = join(pki.dir, "junk.pem");
  writeFileSync(junk, "-----BEGIN CERTIFICATE-----\nnot base64\n");
  await assert.rejects(loadCertificate({ certFile: junk, keyFile: first.keyFile }), /holds no PEM certificate/);
  await assert.rejects(loadCertificate({ certFile: first.certFile, keyFile: junk }), (e: Error) => /holds no PEM private key/.test(e.message) && !e.message.includes("BEGIN"));
});

test("the watcher applies a swapped pair; a broken swap keeps the served certificate, logs once, and counts each failure", async () => {
  const files = liveFiles(first);
  const applied: LoadedCertificate[] = [];
  const results: string[] = [];
  const { logger, lines } = captureLogger("info");
  const watcher = await startCertWatcher({ files, apply: (c) => applied.push(c), onReload: (r) => results.push(r), log: logger, pollMs: 100, debounceMs: 30 });
  assert.equal(watcher.current().serial, first.serial);
  try {
    replace(files.keyFile, second.keyFile);
    replace(files.certFile, second.certFile);
    await until("the second certificate", () => applied.at(-1)?.serial === second.serial);
    assert.equal(watcher.current().serial, second.serial);

    // A key that is not the certificate's (a half-done rotation): nothing applied, the old one stays.
    const appliedBefore = applied.length;
    replace(files.keyFile, other.keyFile);
    await until("a failed reload", () => results.includes("failed"));
    writeFileSync(files.keyFile, `${readFileSync(other.keyFile, "utf8")}\n`); // touched again: the same problem
    await until("a second failed reload", () => results.filter((r) => r === "failed").length >= 2);
    assert.equal(applied.length, appliedBefore);
    assert.equal(watcher.current().serial, second.serial);
    const problems = lines.filter((l) => /cannot be used; still serving/.test(String(l.msg)));
    assert.equal(problems.length, 1, "logged once, not per attempt");
    assert.match(String(problems[0]!.problem), /does not belong to the certificate/);
    assert.doesNotMatch(JSON.stringify(lines), /PRIVATE KEY/);

    replace(files.keyFile, first.keyFile);
    replace(files.certFile, first.certFile);
    await until("the first certificate again", () => watcher.current().serial === first.serial);
    assert.ok(lines.some((l) => l.msg === "TLS certificate reloaded" && l.serial === first.serial));
  } finally {
    watcher.close();
  }
});

test("a certificate that cannot be served at start rejects, naming the file", async () => {
  const files = liveFiles(first);
  copyFileSync(other.keyFile, files.keyFile);
  await assert.rejects(startCertWatcher({ files, apply: () => {}, log: captureLogger("silent").logger, pollMs: 100, debounceMs: 10 }), /tls\.key does not belong to the certificate/);
});
