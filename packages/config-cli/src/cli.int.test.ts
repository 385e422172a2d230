// The CLI against the real database (and a real gateway): export -> edit -> diff -> apply lands in
// the working tables and a new revision, which a gateway then serves; a file that takes crisis
// scanning or PII masking away is refused without a clinician's approval, and accepted with it,
// the approval audited in the same transaction.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { hashPassword, seedDemo, DEMO_SERVICES, type DemoService } from "@tta/db";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { newId, ZCompressionPolicy, type TRole } from "@tta/domain";
import { createLogger, startGateway, type Gateway } from "@tta/gateway";
import { parse, stringify } from "yaml";
import { run } from "./run.ts";

let t: TestDatabase;
let dir: string;
let upstream: http.Server;
const ADMIN = "admin@tta.test";
const CLINICIAN = "clinician@tta.test";

async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { env: { DATABASE_URL: t.url, ...env }, cwd: dir, out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function addUser(email: string, roles: TRole[], password: string) {
  await t.db.user.create({ data: { id: newId("user"), email, name: email, roles, passwordHash: await hashPassword(password) } });
}

/** Exports the live revision to a file, edits it as a person would, and returns the file's name. */
async function editedExport(name: string, edit: (doc: any) => void): Promise<string> {
  const exported = await cli(["export", "--revision", String(await t.db.configRevision.count()), "-o", name]);
  assert.equal(exported.code, 0, exported.err);
  const doc = parse(await readFile(join(dir, name), "utf8"));
  edit(doc);
  await writeFile(join(dir, name), stringify(doc));
  return name;
}

before(async () => {
  t = await createTestDatabase("cli");
  dir = await mkdtemp(join(tmpdir(), "tta-cli-"));
  upstream = http.createServer((req, res) => res.end(JSON.stringify({ path: req.url })));
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  const upstreams = Object.fromEntries(DEMO_SERVICES.map((n) => [n, url])) as Record<DemoService, string>;
  await seedDemo(t.db, { upstreams, admin: { email: ADMIN, name: "Admin", password: "admin-pw" } });
  await addUser(CLINICIAN, ["clinician"], "clinician-pw");
  await addUser("operator@tta.test", ["operator"], "operator-pw");
});
after(async () => {
  upstream?.close();
  await rm(dir, { recursive: true, force: true });
  await t?.drop();
});

describe("tta-config against a real database", () => {
  it("validate is offline and lists every problem with its field path and line", async () => {
    const file = await editedExport("bad.yaml", (doc) => {
      doc.routes[0].timeoutMs = 1;
      doc.routes[1].path = "no-slash";
    });
    // No DATABASE_URL at all: validate never needs the database.
    const err: string[] = [];
    assert.equal(await run(["validate", file], { env: {}, cwd: dir, out: () => {}, err: (s) => void err.push(s) }), 1);
    assert.match(err.join("\n"), /routes\[0\]\.timeoutMs: .*\(line \d+\)/);
    assert.match(err.join("\n"), /routes\[1\]\.path: .*\(line \d+\)/);
    const ok: string[] = [];
    assert.equal(await run(["validate", await editedExport("good.yaml", () => {})], { env: {}, cwd: dir, out: (s) => void ok.push(s), err: () => {} }), 0);
    assert.match(ok.join(""), /good.yaml is valid: 6 services/);
  });

  it("needs DATABASE_URL for everything but validate", async () => {
    const err: string[] = [];
    assert.equal(await run(["diff", "x.yaml"], { env: {}, cwd: dir, out: () => {}, err: (s) => void err.push(s) }), 1);
    assert.match(err.join(""), /x.yaml does not exist/);
    await writeFile(join(dir, "x.yaml"), "apiVersion: tta.gateway/v1\n");
    const e2: string[] = [];
    assert.equal(await run(["export"], { env: {}, cwd: dir, out: () => {}, err: (s) => void e2.push(s) }), 1);
    assert.match(e2.join(""), /DATABASE_URL is not set/);
  });

  it("export -> edit -> diff (exit 2) -> dry run (nothing written) -> apply: working tables, a new revision with author and message, served by a gateway", async () => {
    const unchanged = await editedExport("same.yaml", () => {});
    assert.deepEqual(await cli(["diff", unchanged]).then((r) => [r.code, r.out]), [0, "No changes against live revision 1."]);

    const file = await editedExport("edit.yaml", (doc) => {
      doc.routes.find((r: any) => r.name === "players-api").timeoutMs = 8_000;
      doc.routes.push({ name: "from-cli", path: "/from-cli/*", rewrite: "/echo/*", service: "players" });
      // Stronger safety needs no approval.
      Object.assign(doc.routes.find((r: any) => r.name === "chat-api"), { safetyScan: "enforce", maskResponsePii: true });
    });
    const diff = await cli(["diff", file]);
    assert.equal(diff.code, 2, diff.err);
    assert.match(diff.out, /\+ route from-cli \(added\)/);
    assert.match(diff.out, /~ route players-api \(changed\)\n {4}timeoutMs: \d+ -> 8000/);
    const machine = JSON.parse((await cli(["diff", file, "--json"])).out);
    assert.deepEqual(machine.diffLive.map((d: any) => `${d.change} ${d.name}`).sort(), ["added from-cli", "changed chat-api", "changed players-api"]);

    const dry = await cli(["apply", file, "--author", ADMIN, "--dry-run"]);
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /Dry run: nothing was written/);
    assert.equal(await t.db.configRevision.count(), 1);
    assert.equal(await t.db.route.count({ where: { name: "from-cli" } }), 0);

    assert.match((await cli(["apply", file, "--author", "operator@tta.test", "-m", "x"])).err, /does not have the admin role/);
    assert.match((await cli(["apply", file, "--author", ADMIN])).err, /--message MSG is required/);

    const applied = await cli(["apply", file, "--author", ADMIN, "--message", "longer players timeout; from-cli route"]);
    assert.equal(applied.code, 0, applied.err);
    assert.match(applied.out, /Published revision 2 by admin@tta.test/);
    const revision = await t.db.configRevision.findUniqueOrThrow({ where: { number: 2 }, include: { author: true } });
    assert.equal(revision.message, "longer players timeout; from-cli route");
    assert.equal(revision.author?.email, ADMIN);
    assert.equal((await t.db.route.findUniqueOrThrow({ where: { name: "players-api" } })).timeoutMs, 8_000);
    assert.equal(await t.db.route.count({ where: { name: "from-cli" } }), 1);
    assert.deepEqual(await cli(["diff", file]).then((r) => r.code), 0);

    const gateway: Gateway = await startGateway({ databaseUrl: t.url, port: 0, adminPort: 0, pollIntervalMs: 1_000, logger: createLogger({ level: "warn", instanceId: "cli-test" }) });
    try {
      const res = await fetch(`${gateway.url}/from-cli/hello`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("x-tta-config-revision"), "2");
      assert.deepEqual(await res.json(), { path: "/echo/hello" });
    } finally {
      await gateway.close();
    }
  });

  it("refuses a file that turns crisis scanning or PII masking down, without a clinician's approval; changes nothing", async () => {
    const file = await editedExport("weaken.yaml", (doc) => {
      const chat = doc.routes.find((r: any) => r.name === "chat-api");
      chat.safetyScan = "monitor";
      chat.maskResponsePii = false;
      chat.timeoutMs = 9_000;
    });
    const before = [await t.db.configRevision.count(), await t.db.auditLog.count()];
    const refused = await cli(["apply", file, "--author", ADMIN, "-m", "less scanning"]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /Refused: the file weakens safety/);
    assert.match(refused.err, /route chat-api safetyScan: "enforce" -> "monitor"/);
    assert.match(refused.err, /route chat-api maskResponsePii: true -> false/);
    // An operator, a wrong password, or no password in the environment is no approval.
    for (const [who, password, why] of [
      ["operator@tta.test", "operator-pw", /does not have the clinician role/],
      [CLINICIAN, "wrong", /is not this clinician's/],
      [CLINICIAN, "", /set TTA_APPROVER_PASSWORD/],
    ] as const) {
      const r = await cli(["apply", file, "--author", ADMIN, "-m", "less scanning", "--approved-by", who], password ? { TTA_APPROVER_PASSWORD: password } : {});
      assert.equal(r.code, 1);
      assert.match(r.err, why);
    }
    assert.deepEqual([await t.db.configRevision.count(), await t.db.auditLog.count()], before);
    assert.equal((await t.db.route.findUniqueOrThrow({ where: { name: "chat-api" } })).safetyScan, "enforce");
  });

  it("applies the weakening a clinician approved, and records the approval in the audit log", async () => {
    const file = "weaken.yaml";
    const applied = await cli(["apply", file, "--author", ADMIN, "-m", "monitor chat only", "--approved-by", CLINICIAN, "--json"], { TTA_APPROVER_PASSWORD: "clinician-pw" });
    assert.equal(applied.code, 0, applied.err);
    const result = JSON.parse(applied.out);
    assert.equal(result.approvedBy, CLINICIAN);
    assert.equal((await t.db.route.findUniqueOrThrow({ where: { name: "chat-api" } })).safetyScan, "monitor");
    const clinician = await t.db.user.findUniqueOrThrow({ where: { email: CLINICIAN } });
    const approval = await t.db.auditLog.findFirstOrThrow({ where: { action: "config.safety_approval" } });
    assert.equal(approval.actorId, clinician.id);
    const after = approval.after as { fileChecksum: string; weakenings: Array<{ route: string; field: string }> };
    assert.match(after.fileChecksum, /^[0-9a-f]{64}$/);
    assert.deepEqual(after.weakenings.map((w) => `${w.route}.${w.field}`).sort(), ["chat-api.maskResponsePii", "chat-api.safetyScan"]);
    const imported = await t.db.auditLog.findFirstOrThrow({ where: { action: "config.import", entityId: (await t.db.configRevision.findUniqueOrThrow({ where: { number: result.revision } })).id } });
    assert.equal((imported.after as { safetyApprovedBy: string }).safetyApprovedBy, CLINICIAN);
    assert.equal(approval.correlationId, imported.correlationId);
  });

  it("the installed bin as a real process: exit 2 from diff, 1 from an invalid file with its path on stderr", async () => {
    const bin = new URL("../bin/tta-config.mjs", import.meta.url).pathname;
    const proc = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: t.url, INIT_CWD: dir } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }));
      });
    const changed = await editedExport("proc.yaml", (doc) => { doc.routes.find((r: any) => r.name === "players-api").timeoutMs = 6_000; });
    const diff = await proc(["diff", changed]);
    assert.equal(diff.code, 2, diff.stderr);
    assert.match(diff.stdout, /timeoutMs: 8000 -> 6000/);
    assert.equal((await proc(["validate", "bad.yaml"])).code, 1);
    assert.match((await proc(["validate", "bad.yaml"])).stderr, /routes\[0\]\.timeoutMs/);
  });

  it("apply of a file the live revision already is publishes nothing, and resets unpublished edits in the working tables", async () => {
    const file = await editedExport("live.yaml", () => {});
    await t.db.route.update({ where: { name: "players-api" }, data: { timeoutMs: 4_321 } });
    const revisions = await t.db.configRevision.count();
    const diff = await cli(["diff", file]);
    assert.equal(diff.code, 0);
    assert.match(diff.out, /unpublished edits that differ from the file/);
    const applied = await cli(["apply", file, "--author", ADMIN, "-m", "reset"]);
    assert.equal(applied.code, 0, applied.err);
    assert.match(applied.out, /no revision published; the working tables were reset to the file/);
    assert.equal(await t.db.configRevision.count(), revisions);
    assert.notEqual((await t.db.route.findUniqueOrThrow({ where: { name: "players-api" } })).timeoutMs, 4_321);
  });

  it("an aggregation route goes from a file to the working tables and a revision, and comes back out the same; a part naming an unknown service is refused at its line", async () => {
    const overview = {
      name: "player-overview",
      path: "/api/overview/:id",
      methods: ["GET"],
      service: "players",
      kind: "aggregate",
      aggregate: {
        parts: [
          { key: "player", service: "players", path: "/players/:id" },
          { key: "sessions", service: "sessions", path: "/sessions?player=:id", timeoutMs: 800, required: false },
          { key: "crisisResources", service: "no-such-service", path: "/resources", fallback: { lines: [{ name: "988", phone: "988" }] } },
        ],
      },
    };
    const bad = await editedExport("aggregate-bad.yaml", (doc) => void doc.routes.push(overview));
    const refused = await cli(["validate", bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /routes\[\d+\]\.aggregate\.parts\[2\]\.service: unknown service "no-such-service" \(line \d+\)/);

    overview.aggregate.parts[2]!.service = "players";
    const file = await editedExport("aggregate.yaml", (doc) => void doc.routes.push(overview));
    const applied = await cli(["apply", file, "--author", ADMIN, "-m", "player overview"]);
    assert.equal(applied.code, 0, applied.err);
    const row = await t.db.route.findUniqueOrThrow({ where: { name: "player-overview" } });
    assert.equal(row.kind, "aggregate");
    assert.deepEqual((row.aggregate as { parts: Array<{ key: string; timeoutMs: number }> }).parts.map((p) => [p.key, p.timeoutMs]), [["player", 5_000], ["sessions", 800], ["crisisResources", 5_000]]);
    const again = parse(await readFile(join(dir, await editedExport("aggregate-again.yaml", () => {})), "utf8"));
    const exported = again.routes.find((r: { name: string }) => r.name === "player-overview");
    assert.equal(exported.kind, "aggregate");
    assert.deepEqual(exported.aggregate.parts[2].fallback, overview.aggregate.parts[2]!.fallback);
    assert.equal((await cli(["diff", file])).code, 0, "what was applied is what is live");
  });

  it("a route's compression policy: set in the file, applied with its defaults filled in, exported again, and the file then diffs empty", async () => {
    const file = await editedExport("compress.yaml", (doc) => {
      const players = doc.routes.find((r: any) => r.name === "players-api");
      assert.equal(players.compression, null, "exported as it is: off");
      players.compression = { algorithms: ["gzip"], minBytes: 512 };
    });
    const diff = await cli(["diff", file]);
    assert.equal(diff.code, 2, diff.err);
    assert.match(diff.out, /~ route players-api \(changed\)\n {4}compression: /);
    const applied = await cli(["apply", file, "--author", ADMIN, "-m", "gzip players"]);
    assert.equal(applied.code, 0, applied.err);
    const policy = { enabled: true, algorithms: ["gzip"], minBytes: 512, contentTypes: ZCompressionPolicy.parse({}).contentTypes, compressCredentialed: false };
    assert.deepEqual((await t.db.route.findUniqueOrThrow({ where: { name: "players-api" } })).compression, policy);
    const again = await editedExport("compress-again.yaml", () => {});
    assert.deepEqual(parse(await readFile(join(dir, again), "utf8")).routes.find((r: any) => r.name === "players-api").compression, policy);
    assert.equal((await cli(["diff", again])).code, 0);
    assert.equal((await cli(["diff", file])).code, 0, "the hand-written file, defaults left out, is the same configuration");
  });

  it("import: the design file's gateway section diffs (exit 2) and applies; a missing default file is a clear error", async () => {
    const missing = await cli(["import"]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /config\/tta_config.yaml does not exist/);
    const sample = new URL("../../../config/tta_config.yaml", import.meta.url);
    await writeFile(join(dir, "tta_config.yaml"), await readFile(sample));
    const diff = await cli(["import", "tta_config.yaml"]);
    assert.equal(diff.code, 2, diff.err);
    assert.match(diff.err, /not mapped: gateway.port/);
    assert.match(diff.out, /- route sessions-api \(removed\)/);
    const applied = await cli(["import", "tta_config.yaml", "--apply", "--author", ADMIN, "-m", "from tta_config.yaml"]);
    assert.equal(applied.code, 0, applied.err);
    assert.deepEqual((await t.db.route.findMany({ orderBy: { name: "asc" }, select: { name: true } })).map((r) => r.name), ["chat-api", "players-api"]);
  });
});
