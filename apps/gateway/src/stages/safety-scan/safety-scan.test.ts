// The stage's answers for each verdict, with a scanner double (the scanner itself is exercised by
// @tta/safety's tests and the integration tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import type { TherapeuticEventDraft } from "@tta/db";
import type { SafetyScanResult } from "@tta/safety";
import { compileConfig } from "../../config/compile.ts";
import type { RequestScan } from "../../safety/request-scan.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { safetyScan } from "./safety-scan.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:4103" }] }],
    routes: [
      { id: "rt_1", name: "plain", path: "/plain/*", service: "chat" },
      { id: "rt_2", name: "ack", path: "/ack/*", service: "chat", safetyScan: "enforce", blockedCategories: ["harassment_hate"], forbidPii: true },
      { id: "rt_3", name: "fwd", path: "/fwd/*", service: "chat", safetyScan: "enforce", crisisResponse: "forward" },
    ],
    safetyRules: null,
  }),
  { revision: 1, checksum: "c" },
);

const empty: SafetyScanResult = {
  crisis: { detected: false, severity: null, categories: [], signals: [] },
  content: { violations: [] },
  privacy: { pii: [] },
  escalate: false,
  suppressed: [],
  truncated: false,
  stats: { strings: 1, chars: 5 },
  rulesVersion: "v1",
};
const crisis: SafetyScanResult = {
  ...empty,
  crisis: { detected: true, severity: "high", categories: ["self_harm"], signals: [{ category: "self_harm", severity: "high", rule: "self_harm.p1", match: "cut myself", path: "$.m", raised: false }] },
  escalate: true,
};

async function run(route: string, scanned: Partial<RequestScan>) {
  const recorded: TherapeuticEventDraft[] = [];
  const outcomes: string[] = [];
  const stage = safetyScan({
    scanner: async () => ({ result: empty, input: { m: "hello" }, tooLarge: false, gone: false, scanMs: 0.01, ...scanned }),
    events: { record: (e) => void recorded.push(e) },
    meters: { scanned: (_route, outcome) => void outcomes.push(outcome) },
    gatewayId: "gw-test",
  });
  const fake = fakeContext({ config, method: "POST" });
  fake.ctx.match = { route: config.routes.find((r) => r.name === route)!, upstreamPath: "/" };
  let passed = false;
  await stage(fake.ctx, async () => void (passed = true));
  return { ...fake, passed, recorded, outcomes };
}

// Routes that do not scan never have this stage in their chain (pipeline/order.test.ts).
test("calm messages go on with nothing recorded", async () => {
  const calm = await run("ack", {});
  assert.deepEqual([calm.passed, calm.recorded.length, calm.outcomes], [true, 0, ["clean"]]);
});

test("an escalated crisis: 202 with resources on an acknowledging route; escalation headers and crisis priority on a forwarding one", async () => {
  const ack = await run("ack", { result: crisis });
  assert.equal(ack.passed, false);
  assert.equal(ack.answer.status, 202);
  const body = JSON.parse(ack.answer.body);
  assert.deepEqual([body.code, body.correlationId, body.eventId], ["GW_CRISIS_ESCALATED", "req_test", ack.recorded[0]!.id]);
  assert.equal(ack.ctx.priority, "crisis");
  assert.equal(ack.recorded[0]!.excerpt, "hello");

  const fwd = await run("fwd", { result: crisis });
  assert.equal(fwd.passed, true);
  assert.equal(fwd.ctx.priority, "crisis");
  assert.equal(fwd.ctx.req.headers["x-tta-escalation"], fwd.recorded[0]!.id);
  assert.equal(fwd.ctx.req.headers["x-tta-crisis-severity"], "high");
});

test("422 and 451 carry the event id and guidance, never the PII itself", async () => {
  const violation = { category: "harassment_hate", severity: "medium" as const, rule: "h.p1", match: "idiot", path: "$.m", raised: false };
  const content = await run("ack", { result: { ...empty, content: { violations: [violation] } } });
  assert.equal(content.answer.status, 422);
  assert.deepEqual(content.json().error.code, "GW_CONTENT_UNSAFE");
  const privacy = await run("ack", { result: { ...empty, privacy: { pii: [{ kind: "email", path: "$.m" }] } }, input: { m: "jo@example.org" } });
  assert.equal(privacy.answer.status, 451);
  const { error } = privacy.json() as unknown as { error: { code: string; details: { piiKinds: string[]; eventId: string } } };
  assert.deepEqual([error.code, error.details.piiKinds, error.details.eventId], ["GW_PRIVACY_VIOLATION", ["email"], privacy.recorded[0]!.id]);
  assert.equal(privacy.recorded[0]!.excerpt, "[EMAIL]");
  assert.ok(!privacy.answer.body.includes("jo@example.org"));
});

test("what cannot be scanned: 415 GW_UNSCANNABLE_BODY with the reason, the event id and crisis resources on enforce", async () => {
  const unscannable = { reason: "content-encoding" as const, message: "The request body is sent with a Content-Encoding this route cannot read (zstd)." };
  const refused = await run("ack", { result: null, input: null, unscannable });
  assert.deepEqual([refused.passed, refused.answer.status], [false, 415]);
  const { error } = refused.json() as unknown as { error: { code: string; message: string; details: { reason: string; eventId: string; resources: unknown[] } } };
  assert.deepEqual([error.code, error.details.reason, error.details.eventId], ["GW_UNSCANNABLE_BODY", "content-encoding", refused.recorded[0]!.id]);
  assert.match(error.message, /zstd/);
  assert.ok(error.details.resources.length >= 3);
  assert.deepEqual([refused.recorded[0]!.type, refused.recorded[0]!.escalated, refused.recorded[0]!.excerpt], ["unscannable_body", false, "[not scanned: content-encoding]"]);
  assert.deepEqual(refused.outcomes, ["unscannable_refused"]);
});

test("a body over the limit is a 413 and the connection closes; a client gone gets nothing", async () => {
  const big = await run("ack", { result: null, tooLarge: true });
  assert.equal(big.answer.status, 413);
  assert.equal(big.ctx.res.shouldKeepAlive, false);
  const gone = await run("ack", { result: null, gone: true });
  assert.deepEqual([gone.passed, gone.answer.status], [false, null]);
});
