// safety.rules.* through createCaller on a seeded database: the working rule set is edited with
// field errors, audited, noticed by config.status, published, diffed and rolled back like routes;
// "try a message" scans with the working set or a draft and answers masked; admins only.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TSafetyRulesInput } from "@tta/safety/rules";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../../test-support.ts";

describe("safety.rules.*", () => {
  let env: ConsoleTestEnv;
  let defaults: TSafetyRulesInput;

  before(async () => {
    env = await setupConsoleTest("console_safety");
  });

  after(async () => {
    await env?.tdb.drop();
  });

  it("get: the built-in defaults while there is no working rule set", async () => {
    const record = await env.as(env.users.admin).safety.rules.get();
    assert.equal(record.isDefault, true);
    assert.equal(record.updatedAt, null);
    defaults = record.rules as TSafetyRulesInput;
    assert.equal(defaults.version, "default-1");
    assert.equal((await env.as(env.users.admin).config.status()).unpublishedChanges, false);
  });

  it("update: refuses an invalid rule set with the rule set's field paths, and saves nothing", async () => {
    const broken = structuredClone(defaults);
    broken.categories[0]!.phrases![0]!.phrase = "(want to";
    (broken.categories[1] as { id: string }).id = "Not A Slug";
    const refused = await refusal(env.as(env.users.admin).safety.rules.update({ rules: broken }));
    assert.equal(refused.code, "BAD_REQUEST");
    const paths = refused.fields.map((f) => f.path);
    assert.ok(paths.includes("categories.0.phrases.0.phrase"), paths.join());
    assert.ok(paths.includes("categories.1.id"), paths.join());
    assert.equal(await env.db.safetyRuleSet.count(), 0);
  });

  it("update → status → publish → diff → rollback, like routes, audited each time", async () => {
    const api = env.as(env.users.admin);
    const edited = structuredClone(defaults);
    edited.version = "team-2";
    edited.categories[0]!.phrases!.push({ phrase: "  Walk Into The Sea  ", severity: "high" });
    const saved = await api.safety.rules.update({ rules: edited });
    assert.equal(saved.isDefault, false);
    const stored = saved.rules as TSafetyRulesInput;
    assert.equal(stored.categories[0]!.phrases!.at(-1)!.phrase, "walk into the sea", "stored as parsed");
    assert.equal((await api.safety.rules.get()).isDefault, false);

    const audit = await env.db.auditLog.findFirstOrThrow({ where: { action: "safety_rules.update" } });
    assert.equal(audit.actorId, env.users.admin.id);
    assert.equal(audit.before, null);
    assert.equal((audit.after as { version: string }).version, "team-2");

    assert.equal((await api.config.status()).unpublishedChanges, true, "config.status notices a rule change");
    const revision = await api.config.publish({ message: "Sea phrase" });
    assert.equal((await api.config.status()).unpublishedChanges, false);
    const detail = await api.config.revision({ number: revision.number });
    assert.deepEqual(detail.diff.map((d) => [d.kind, d.name, d.change]), [["safetyRules", "rules", "added"]]);
    const published = await env.db.configRevision.findUniqueOrThrow({ where: { number: revision.number } });
    assert.equal((published.snapshot as { safetyRules: { version: string } }).safetyRules.version, "team-2");

    await api.safety.rules.update({ rules: { ...stored, version: "team-3" } });
    const second = await api.config.publish({ message: "v3" });
    const changed = await api.config.revision({ number: second.number });
    assert.deepEqual(changed.diff[0]!.fields.map((f) => [f.field, f.before, f.after]), [["version", "team-2", "team-3"]]);

    await api.config.rollback({ number: revision.number - 1 }); // the seed: built-in defaults
    assert.equal((await api.safety.rules.get()).isDefault, true);
    assert.equal(await env.db.safetyRuleSet.count(), 0);
    await api.config.rollback({ number: second.number });
    assert.equal(((await api.safety.rules.get()).rules as { version: string }).version, "team-3");

    await api.safety.rules.update({ rules: null });
    assert.equal((await api.safety.rules.get()).isDefault, true);
    assert.equal(await env.db.auditLog.count({ where: { action: "safety_rules.reset" } }), 1);
  });

  it("config.status reports a route that blocks a category the rules do not have", async () => {
    const api = env.as(env.users.admin);
    const route = (await api.routes.list()).find((r) => r.name === "chat-api")!;
    await api.routes.update({ ...route, blockedCategories: ["not_a_category"] });
    const status = await api.config.status();
    assert.ok(status.problems.some((p) => p.path.endsWith("blockedCategories.0")), JSON.stringify(status.problems));
    await api.routes.update({ ...route, blockedCategories: [] });
  });

  it("test: signals with masked matches, suppressed matches with their reason, PII kinds; a draft is tried without saving", async () => {
    const api = env.as(env.users.admin);
    const crisis = await api.safety.rules.test({ message: "I want to kill myself tonight. Mail me at jo@example.org" });
    assert.equal(crisis.source, "defaults");
    assert.equal(crisis.crisis.detected, true);
    assert.equal(crisis.escalate, true);
    assert.ok(crisis.signals.some((s) => s.category === "suicidal_ideation"));
    assert.deepEqual(crisis.pii.map((p) => p.kind), ["email"]);
    assert.doesNotMatch(JSON.stringify(crisis), /jo@example\.org/);
    assert.equal(crisis.combined.escalate, true);
    assert.ok(crisis.combined.signals.some((s) => s.category === "suicidal_ideation" && s.source === "both"));
    const modelOnly = await api.safety.rules.test({ message: "my grandad collapsed on the kitchen floor and his lips look blue" });
    assert.deepEqual([modelOnly.crisis.detected, modelOnly.combined.escalate, modelOnly.combined.categories], [false, true, ["medical_emergency"]]);
    assert.deepEqual(modelOnly.combined.signals.map((s) => [s.source, s.review]), [["model", false]]);
    // No gateway runs in this test: the console's copy of the first stage answered, and says so.
    assert.deepEqual([modelOnly.classifier.by, modelOnly.classifier.stages], ["console", 1]);

    const negated = await api.safety.rules.test({ message: "I'm not going to kill myself, don't worry" });
    assert.equal(negated.crisis.detected, false);
    assert.ok(negated.suppressed.some((s) => s.reason === "negated"), JSON.stringify(negated.suppressed));

    const draft = structuredClone(defaults);
    draft.version = "draft-x";
    draft.categories[0]!.phrases!.push({ phrase: "blue whale challenge", severity: "critical" });
    const tried = await api.safety.rules.test({ message: "doing the blue whale challenge", rules: draft });
    assert.equal(tried.source, "draft");
    assert.equal(tried.rulesVersion, "draft-x");
    assert.equal(tried.crisis.severity, "critical");
    assert.equal(await env.db.safetyRuleSet.count(), 0, "a draft is not saved");

    const bad = await refusal(api.safety.rules.test({ message: "hi", rules: { schemaVersion: 2 } }));
    assert.equal(bad.code, "BAD_REQUEST");
    assert.ok(bad.fields.some((f) => f.path === "schemaVersion"));
  });

  it("refuses operators and clinicians every safety procedure", async () => {
    for (const user of [env.users.operator, env.users.clinician]) {
      const api = env.as(user);
      assert.equal((await refusal(api.safety.rules.get())).code, "FORBIDDEN");
      assert.equal((await refusal(api.safety.rules.update({ rules: null }))).code, "FORBIDDEN");
      assert.equal((await refusal(api.safety.rules.test({ message: "I want to die" }))).code, "FORBIDDEN");
    }
  });
});
