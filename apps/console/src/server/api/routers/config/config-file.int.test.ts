// config.exportFile / importPreview / importApply through the API: who may call them, and the
// answers a browser gets (the file, the diff, field errors with the file's paths).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

let env: ConsoleTestEnv;
before(async () => {
  env = await setupConsoleTest("console_cfgfile");
});
after(async () => {
  await env?.tdb.drop();
});

describe("config file procedures", () => {
  it("lets admins and operators download the working copy and a revision; refuses clinicians", async () => {
    const file = await env.as(env.users.operator).config.exportFile();
    assert.equal(file.fileName, "tta-config-working.yaml");
    assert.ok(parse(file.yaml).routes.some((r: { name: string }) => r.name === "chat-api"));
    assert.equal((await env.as(env.users.admin).config.exportFile({ revision: 1 })).fileName, "tta-config-rev-1.yaml");
    assert.equal((await refusal(env.as(env.users.clinician).config.exportFile())).code, "FORBIDDEN");
    assert.equal((await refusal(env.as(env.users.admin).config.exportFile({ revision: 42 }))).code, "NOT_FOUND");
  });

  it("previews and applies an upload as an admin, refuses operators", async () => {
    const admin = env.as(env.users.admin);
    const doc = parse((await admin.config.exportFile()).yaml);
    doc.routes.find((r: { name: string }) => r.name === "players-api").timeoutMs = 4_000;
    const yaml = stringify(doc);
    assert.equal((await refusal(env.as(env.users.operator).config.importPreview({ yaml }))).code, "FORBIDDEN");
    const preview = await admin.config.importPreview({ yaml });
    assert.deepEqual(preview.diffWorking.map((d) => d.name), ["players-api"]);
    assert.deepEqual(preview.diffWorking[0]!.fields, [{ field: "timeoutMs", before: 10_000, after: 4_000 }]);
    const result = await admin.config.importApply({ yaml, mode: "publish", message: "shorter timeout", expectedWorkingChecksum: preview.workingChecksum });
    assert.equal(result.revision?.number, 2);
    assert.equal((await admin.config.status()).unpublishedChanges, false);
  });

  it("answers a bad file with 400 and the file's field paths", async () => {
    const r = await refusal(env.as(env.users.admin).config.importPreview({ yaml: "apiVersion: tta.gateway/v1\nkind: GatewayConfig\nservices: []\nroutes:\n  - { name: x1, path: nope, service: ghost }\n" }));
    assert.equal(r.code, "BAD_REQUEST");
    assert.deepEqual(r.fields.map((f) => f.path).sort(), ["routes[0].path", "routes[0].service"]);
    const syntax = await refusal(env.as(env.users.admin).config.importPreview({ yaml: "routes: [\n" }));
    assert.match(syntax.fields[0]!.message, /YAML syntax error at line \d+, column \d+/);
  });
});
