import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, renameSync } from "node:fs";
import { get } from "node:https";
import { join } from "node:path";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../config/compile.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { createTestPki, type TestPki } from "../testing/test-pki.ts";
import { createAgents } from "./agents.ts";
import { ServiceTlsSync } from "./service-tls-sync.ts";

let pki: TestPki;
before(() => (pki = createTestPki("sync")));
after(() => pki.cleanup());

const config = (tls: Record<string, unknown> | undefined, revision = 1) =>
  compileConfig(ZSnapshot.parse({ schemaVersion: 1, services: [{ name: "vault", instances: [{ url: "https://127.0.0.1:1" }], ...(tls ? { tls } : {}) }], routes: [] }), { revision, checksum: `c${revision}` });

async function until(what: string, check: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a request through the service's agent fails with (port 1: nothing listens, unless the agent refuses first). */
const failure = (agent: import("node:http").Agent) =>
  new Promise<string>((resolve) => get("https://127.0.0.1:1/", { agent }, () => resolve("answered")).on("error", (e) => resolve(e.message)));

test("a service's CA and client certificate reach both agent sets; env: references resolve; dropping the settings goes back to the shared agent", async () => {
  const client = pki.issue("client");
  const agents = createAgents();
  const probes = createAgents();
  const sync = new ServiceTlsSync({ agents: [agents, probes], refs: new Map([["VAULT_TLS_KEY", client.keyFile]]), log: captureLogger("silent").logger, pollMs: 60_000, debounceMs: 10 });
  try {
    sync.sync(config({ caFile: pki.caFile, certFile: client.certFile, keyFile: "env:VAULT_TLS_KEY", serverName: "vault.internal" }));
    const options = agents.tlsOptions("vault")!;
    assert.deepEqual(options.ca, readFileSync(pki.caFile));
    assert.deepEqual(options.key, readFileSync(client.keyFile));
    assert.equal(options.servername, "vault.internal");
    assert.equal(options.rejectUnauthorized, true);
    const target = new URL("https://127.0.0.1:1");
    assert.notEqual(agents.forTarget("vault", target), agents.https);
    assert.notEqual(probes.forTarget("vault", target), probes.https);
    assert.equal(agents.forTarget("other", target), agents.https);
    assert.equal(agents.forTarget("vault", new URL("http://127.0.0.1:1")), agents.http);

    sync.sync(config(undefined, 2));
    assert.equal(agents.forTarget("vault", target), agents.https);
    assert.equal(agents.tlsOptions("vault"), undefined);
  } finally {
    sync.close();
    agents.destroy();
    probes.destroy();
  }
});

test("files that cannot be used: a refusing agent when nothing worked before (logged once, counted), the previous agent when something did", async () => {
  const agents = createAgents();
  const { logger, lines } = captureLogger("info");
  const results: string[] = [];
  const sync = new ServiceTlsSync({ agents: [agents], refs: new Map(), log: logger, onReload: (r) => results.push(r), pollMs: 60_000, debounceMs: 10 });
  const target = new URL("https://127.0.0.1:1");
  try {
    sync.sync(config({ caFile: join(pki.dir, "missing-ca.pem") }));
    sync.sync(config({ caFile: join(pki.dir, "missing-ca.pem") }, 2));
    assert.match(await failure(agents.forTarget("vault", target)), /missing-ca\.pem cannot be read \(ENOENT\)/);
    assert.deepEqual(results, ["failed", "failed"]);
    assert.equal(lines.filter((l) => /cannot be reached/.test(String(l.msg))).length, 1, "logged once");

    sync.sync(config({ caFile: pki.caFile }, 3));
    const good = agents.forTarget("vault", target);
    assert.match(await failure(good), /ECONNREFUSED/, "a real connection attempt");
    sync.sync(config({ caFile: "env:NOT_SET_TLS" }, 4));
    assert.equal(agents.forTarget("vault", target), good, "the working agent stays");
    assert.ok(lines.some((l) => /still using the previous ones/.test(String(l.msg)) && /NOT_SET_TLS/.test(String(l.problem))));
  } finally {
    sync.close();
    agents.destroy();
  }
});

test("a rotated client certificate is picked up from the files without a publish; a half-done rotation keeps the old one", async () => {
  const before = pki.issue("before");
  const next = pki.issue("next");
  const dir = mkdtempSync(join(pki.dir, "mount-"));
  const files = { certFile: join(dir, "tls.crt"), keyFile: join(dir, "tls.key") };
  copyFileSync(before.certFile, files.certFile);
  copyFileSync(before.keyFile, files.keyFile);
  const replace = (path: string, from: string) => (copyFileSync(from, `${path}.tmp`), renameSync(`${path}.tmp`, path));
  const agents = createAgents();
  const results: string[] = [];
  const sync = new ServiceTlsSync({ agents: [agents], refs: new Map(), log: captureLogger("silent").logger, onReload: (r) => results.push(r), pollMs: 100, debounceMs: 20 });
  try {
    sync.sync(config({ caFile: pki.caFile, ...files }));
    assert.deepEqual(agents.tlsOptions("vault")!.cert, readFileSync(before.certFile));
    replace(files.certFile, next.certFile); // the key is not there yet: a pair that does not match
    await until("a failed reload", () => results.includes("failed"));
    assert.deepEqual(agents.tlsOptions("vault")!.cert, readFileSync(before.certFile));
    replace(files.keyFile, next.keyFile);
    await until("the new certificate", () => Buffer.compare(agents.tlsOptions("vault")!.cert as Buffer, readFileSync(next.certFile)) === 0);
  } finally {
    sync.close();
    agents.destroy();
  }
});
