// What the API refuses, and how: field errors an admin can act on (bad pattern, bad rewrite,
// unknown service, duplicate name, empty message, a broken working config), 404s for what is
// not there, and nothing written when something is refused.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { refusal, setupConsoleTest, type ConsoleTestEnv } from "../test-support.ts";

describe("console API, refusals", () => {
  let env: ConsoleTestEnv;
  let auditBefore: number;
  before(async () => {
    env = await setupConsoleTest("console_error");
    auditBefore = await env.db.auditLog.count();
  });
  after(async () => {
    await env?.tdb.drop();
  });
  const admin = () => env.as(env.users.admin);
  const route = { name: "hello", path: "/hello/*", rewrite: "/*", service: "players" };

  it("refuses a bad path pattern with a field error on path", async () => {
    const r = await refusal(admin().routes.create({ ...route, path: "/hello/*/x" }));
    assert.equal(r.code, "BAD_REQUEST");
    assert.deepEqual(r.fields, [{ path: "path", message: "* is only allowed as the last segment" }]);
  });

  it("refuses a rewrite that uses what the path does not capture", async () => {
    const r = await refusal(admin().routes.create({ ...route, path: "/hello/:id", rewrite: "/x/:name" }));
    assert.equal(r.code, "BAD_REQUEST");
    assert.deepEqual(r.fields.map((f) => f.path), ["rewrite"]);
    assert.match(r.fields[0]!.message, /:name/);
  });

  it("refuses an unknown service and a duplicate name, both at once", async () => {
    const r = await refusal(admin().routes.create({ ...route, name: "players-api", service: "nope" }));
    assert.equal(r.code, "BAD_REQUEST");
    assert.deepEqual(r.fields, [
      { path: "service", message: 'unknown service "nope"' },
      { path: "name", message: 'a route named "players-api" already exists' },
    ]);
  });

  it("checks an aggregation route's parts at their own fields: a capture the path lacks, an unknown service", async () => {
    const overview = { name: "overview", path: "/overview/:id", service: "players", kind: "aggregate" as const };
    const parts = [
      { key: "player", service: "players", path: "/players/:playerId" },
      { key: "ghost", service: "nope", path: "/x", required: false },
    ];
    const fields = await admin().routes.check({ id: null, route: { ...overview, aggregate: { parts } } });
    assert.deepEqual(fields.map((f) => f.path), ["aggregate.parts.0.path", "aggregate.parts.1.service"]);
    assert.deepEqual(await admin().routes.check({ id: null, route: { ...overview, aggregate: { parts: [{ ...parts[0]!, path: "/players/:id" }] } } }), []);
    const r = await refusal(admin().routes.create({ ...overview, aggregate: { parts: [{ ...parts[0]!, path: "/players/:id" }, parts[1]!] } }));
    assert.equal(r.code, "BAD_REQUEST");
    assert.deepEqual(r.fields, [{ path: "aggregate.parts.1.service", message: 'unknown service "nope"' }]);
  });

  it("refuses renaming a route onto another's name, and an unknown rate-limit policy", async () => {
    const players = (await admin().routes.list()).find((r) => r.name === "players-api")!;
    const r = await refusal(admin().routes.update({ ...players, name: "auth-api", rateLimitPolicy: "gold" }));
    assert.deepEqual(r.fields.map((f) => f.path).sort(), ["name", "rateLimitPolicy"]);
  });

  it("tells a form everything in one round: the schema's errors and the references' together, in plain words", async () => {
    const fields = await admin().routes.check({ id: null, route: { ...route, name: "players-api", service: "nope", timeoutMs: 1.5, retryPolicy: { attempts: 11 } } });
    assert.deepEqual(
      Object.fromEntries(fields.map((f) => [f.path, f.message])),
      {
        timeoutMs: "must be a whole number",
        "retryPolicy.attempts": "must be at most 10",
        service: 'unknown service "nope"',
        name: 'a route named "players-api" already exists',
      },
    );
    assert.deepEqual(await admin().routes.check({ id: null, route }), []);
    const policy = (await admin().policies.rateLimit.list())[0]!;
    const policyFields = await admin().policies.rateLimit.check({ id: null, policy: { ...policy, limit: -1 } });
    assert.deepEqual(policyFields.map((f) => f.path).sort(), ["limit", "name"]);
    assert.equal((await refusal(env.as(env.users.operator).routes.check({ id: null, route }))).code, "FORBIDDEN");
  });

  it("answers NOT_FOUND for a route or revision that does not exist", async () => {
    assert.equal((await refusal(admin().routes.get({ id: "rt_missing" }))).code, "NOT_FOUND");
    assert.equal((await refusal(admin().routes.update({ id: "rt_missing", ...route }))).code, "NOT_FOUND");
    assert.equal((await refusal(admin().routes.setEnabled({ id: "rt_missing", enabled: false }))).code, "NOT_FOUND");
    assert.equal((await refusal(admin().routes.delete({ id: "rt_missing" }))).code, "NOT_FOUND");
    assert.equal((await refusal(admin().config.revision({ number: 99 }))).code, "NOT_FOUND");
    assert.equal((await refusal(admin().config.rollback({ number: 99 }))).code, "NOT_FOUND");
  });

  it("refuses a publish without a message", async () => {
    const r = await refusal(admin().config.publish({ message: "   " }));
    assert.equal(r.code, "BAD_REQUEST");
    assert.deepEqual(r.fields.map((f) => f.path), ["message"]);
  });

  it("wrote nothing for any of the refusals", async () => {
    assert.equal(await env.db.auditLog.count(), auditBefore);
    assert.equal(await env.db.configRevision.count(), 1);
    assert.equal((await admin().config.status()).unpublishedChanges, false);
  });

  it("reports a working config that would not publish, and refuses to publish it", async () => {
    // Only possible behind the API's back (a hand edit, an old row): the status says so.
    await env.db.route.update({ where: { name: "chat-api" }, data: { path: "no-slash" } });
    const status = await admin().config.status();
    assert.equal(status.unpublishedChanges, true);
    assert.deepEqual(status.problems.map((p) => p.message), ["must start with /"]);
    const r = await refusal(admin().config.publish({ message: "Try anyway" }));
    assert.equal(r.code, "BAD_REQUEST");
    assert.match(r.fields[0]!.path, /^routes\.\d+\.path$/);
    assert.equal(await env.db.configRevision.count(), 1);
  });
});
