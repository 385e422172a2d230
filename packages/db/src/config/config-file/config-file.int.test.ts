// The configuration file against the real database: download -> upload gives no diff, apply and
// publish is one transaction (a failing publish leaves the working tables unchanged), and a file
// that does not validate, or a working copy changed since the preview, changes nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newId, snapshotChecksum } from "@tta/domain";
import { parse, stringify } from "yaml";
import { SYSTEM_ACTOR } from "../../audit.ts";
import { ConfigValidationError, ConflictError } from "../../errors.ts";
import { seedDemo, DEMO_SERVICES, type DemoService } from "../../seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "../../testing.ts";
import { readWorkingSnapshot } from "../snapshot.ts";
import { applyConfigImport } from "./apply.ts";
import { exportConfigFile } from "./export.ts";
import { previewConfigImport } from "./preview.ts";

const ctx = () => ({ actor: SYSTEM_ACTOR, correlationId: newId("request") });
const upstreams = Object.fromEntries(DEMO_SERVICES.map((n, i) => [n, `http://127.0.0.1:${5300 + i}`])) as Record<DemoService, string>;
let t: TestDatabase;

const workingChecksum = async () => snapshotChecksum(await t.db.$transaction((tx) => readWorkingSnapshot(tx)));
const counts = async () => [await t.db.configRevision.count(), await t.db.auditLog.count({ where: { action: "config.import" } })];

async function editedWorkingFile(edit: (doc: any) => void): Promise<string> {
  const doc = parse((await exportConfigFile(t.db, "working")).yaml);
  edit(doc);
  return stringify(doc);
}

before(async () => {
  t = await createTestDatabase("cfgfile");
  await seedDemo(t.db, { upstreams, admin: { email: "a@b.c", name: "A", password: "pw-for-tests" } });
});
after(() => t.drop());

describe("config file, download and upload", () => {
  it("downloads the working copy and revision 1 as the same configuration; uploading it changes nothing", async () => {
    const working = await exportConfigFile(t.db, "working");
    const rev = await exportConfigFile(t.db, { revision: 1 });
    assert.equal(working.fileName, "tta-config-working.yaml");
    assert.equal(rev.fileName, "tta-config-rev-1.yaml");
    const strip = (y: string) => y.replace(/^#.*\n/gm, "");
    assert.equal(strip(working.yaml), strip(rev.yaml));
    const doc = parse(working.yaml);
    assert.ok(doc.routes.some((r: { name: string }) => r.name === "players-api"));
    const preview = await previewConfigImport(t.db, working.yaml);
    assert.deepEqual(preview.diffWorking, []);
    assert.deepEqual(preview.diffLive, []);
    assert.equal(preview.liveNumber, 1);
    assert.deepEqual(preview.weakenings, []);
    assert.equal(preview.workingChecksum, await workingChecksum());
  });

  it("refuses an unknown revision", async () => {
    await assert.rejects(exportConfigFile(t.db, { revision: 999 }), /revision 999 does not exist/);
  });

  it("refuses a file that does not validate, with its field path, and changes nothing", async () => {
    const before = [await workingChecksum(), ...(await counts())];
    const text = await editedWorkingFile((doc) => { doc.routes[0].timeoutMs = 1; });
    for (const call of [previewConfigImport(t.db, text), applyConfigImport(t.db, { ...ctx(), yaml: text, mode: "publish", message: "bad" })]) {
      await assert.rejects(call, (e: unknown) => {
        assert.ok(e instanceof ConfigValidationError);
        assert.equal(e.fields[0]?.path, "routes[0].timeoutMs");
        assert.match(e.fields[0]!.message, /\(line \d+\)/);
        return true;
      });
    }
    assert.deepEqual([await workingChecksum(), ...(await counts())], before);
  });

  it("refuses a blocked category the rules do not have, with the file's path", async () => {
    const text = await editedWorkingFile((doc) => { doc.routes[0].blockedCategories = ["made_up"]; });
    await assert.rejects(previewConfigImport(t.db, text), (e: unknown) => e instanceof ConfigValidationError && e.fields[0]?.path === "routes[0].blockedCategories[0]");
  });

  it("leaves the working tables unchanged when the publish fails inside the transaction", async () => {
    const before = [await workingChecksum(), ...(await counts())];
    const text = await editedWorkingFile((doc) => { doc.routes.find((r: any) => r.name === "players-api").timeoutMs = 7_000; });
    // A real failure of the revision insert, after the working tables were already rewritten.
    await t.db.$executeRawUnsafe(`create function refuse_revision() returns trigger language plpgsql as $$ begin raise exception 'publishing is broken'; end $$`);
    await t.db.$executeRawUnsafe(`create trigger refuse_revision before insert on config_revisions for each row execute function refuse_revision()`);
    try {
      await assert.rejects(applyConfigImport(t.db, { ...ctx(), yaml: text, mode: "publish", message: "will fail" }), /publishing is broken/);
    } finally {
      await t.db.$executeRawUnsafe(`drop trigger refuse_revision on config_revisions`);
      await t.db.$executeRawUnsafe(`drop function refuse_revision()`);
    }
    assert.deepEqual([await workingChecksum(), ...(await counts())], before);
    const route = await t.db.route.findUniqueOrThrow({ where: { name: "players-api" } });
    assert.notEqual(route.timeoutMs, 7_000);
  });

  it("refuses to overwrite a working copy changed after the preview", async () => {
    const text = await editedWorkingFile((doc) => { doc.routes[0].timeoutMs = 9_000; });
    const preview = await previewConfigImport(t.db, text);
    await t.db.route.update({ where: { name: "chat-api" }, data: { priority: 5 } });
    const before = [await workingChecksum(), ...(await counts())];
    await assert.rejects(
      applyConfigImport(t.db, { ...ctx(), yaml: text, mode: "working", expectedWorkingChecksum: preview.workingChecksum }),
      (e: unknown) => e instanceof ConflictError,
    );
    assert.deepEqual([await workingChecksum(), ...(await counts())], before);
    await t.db.route.update({ where: { name: "chat-api" }, data: { priority: 0 } });
  });

  it("applies to the working copy only: tables changed, nothing published", async () => {
    const revisions = await t.db.configRevision.count();
    const text = await editedWorkingFile((doc) => { doc.routes.find((r: any) => r.name === "sessions-api").timeoutMs = 12_000; });
    const result = await applyConfigImport(t.db, { ...ctx(), yaml: text, mode: "working" });
    assert.deepEqual(result, { mode: "working", revision: null });
    assert.equal((await t.db.route.findUniqueOrThrow({ where: { name: "sessions-api" } })).timeoutMs, 12_000);
    assert.equal(await t.db.configRevision.count(), revisions);
  });

  it("applies and publishes in one go: changed and added routes are live, ids of kept routes stay, audited config.import", async () => {
    const idBefore = (await t.db.route.findUniqueOrThrow({ where: { name: "players-api" } })).id;
    const text = await editedWorkingFile((doc) => {
      doc.routes.find((r: any) => r.name === "players-api").timeoutMs = 8_000;
      doc.routes.push({ name: "from-yaml", path: "/from-yaml/*", rewrite: "/*", service: "players" });
    });
    const preview = await previewConfigImport(t.db, text);
    assert.deepEqual(preview.diffWorking.map((d) => `${d.change} ${d.name}`), ["added from-yaml", "changed players-api"]);
    assert.ok(preview.diffLive.some((d) => d.name === "sessions-api"), "the working-only change is not live yet");
    const result = await applyConfigImport(t.db, { ...ctx(), yaml: text, mode: "publish", message: "from a file", expectedWorkingChecksum: preview.workingChecksum });
    assert.equal(result.mode, "publish");
    const stored = await t.db.configRevision.findUniqueOrThrow({ where: { number: result.revision!.number } });
    const routes = (stored.snapshot as { routes: Array<{ id: string; name: string; timeoutMs: number }> }).routes;
    assert.equal(routes.find((r) => r.name === "players-api")?.timeoutMs, 8_000);
    assert.equal(routes.find((r) => r.name === "players-api")?.id, idBefore);
    assert.match(routes.find((r) => r.name === "from-yaml")?.id ?? "", /^rt_/);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "config.import", entityId: result.revision!.id } });
    assert.equal((audit.after as { number: number }).number, result.revision!.number);
    // And the new revision downloads as what was uploaded.
    const again = await previewConfigImport(t.db, (await exportConfigFile(t.db, { revision: result.revision!.number })).yaml);
    assert.deepEqual([again.diffWorking, again.diffLive], [[], []]);
  });

  it("warns when a file takes crisis scanning or PII masking away from a route", async () => {
    const text = await editedWorkingFile((doc) => {
      const chat = doc.routes.find((r: any) => r.name === "chat-api");
      chat.safetyScan = "off";
      chat.maskResponsePii = false;
    });
    const { weakenings } = await previewConfigImport(t.db, text);
    assert.ok(weakenings.some((w) => w.route === "chat-api" && w.field === "safetyScan" && w.after === "off"), JSON.stringify(weakenings));
  });

  it("needs a message to publish", async () => {
    const text = (await exportConfigFile(t.db, "working")).yaml;
    await assert.rejects(applyConfigImport(t.db, { ...ctx(), yaml: text, mode: "publish", message: "  " }), (e: unknown) => e instanceof ConfigValidationError && e.fields[0]?.path === "message");
  });
});
