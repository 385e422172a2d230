import { test } from "node:test";
import assert from "node:assert/strict";
import { fakeContext } from "../../testing/fake-context.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { securityHeaders } from "../security-headers/security-headers.ts";
import { requestId } from "./request-id.ts";

const next = async () => {};

/** As in the gateway: the id is echoed by the security-headers hook on whatever answer follows. */
async function answered(ctx: Parameters<typeof sendError>[0]) {
  await securityHeaders()(ctx, () => requestId()(ctx, async () => sendError(ctx, "GW_ROUTE_NOT_FOUND")));
}

test("a sane incoming x-request-id is kept and echoed", async () => {
  const { ctx, answer } = fakeContext({ headers: { "x-request-id": "trace-0123:abc.DEF_9" } });
  await answered(ctx);
  assert.equal(ctx.requestId, "trace-0123:abc.DEF_9");
  assert.equal(answer.headers["x-request-id"], "trace-0123:abc.DEF_9");
});

test("a missing, short, long or odd incoming id is replaced by a fresh req_ id", async () => {
  for (const incoming of [undefined, "short", "x".repeat(129), "has space in it", "semi;colon-1234", "<script>alert(1)"]) {
    const { ctx, answer } = fakeContext({ headers: incoming === undefined ? {} : { "x-request-id": incoming } });
    await answered(ctx);
    assert.match(ctx.requestId, /^req_[0-9a-z]{22}$/, String(incoming));
    assert.equal(answer.headers["x-request-id"], ctx.requestId);
  }
});

test("the stage passes the request on", async () => {
  const { ctx } = fakeContext();
  let called = 0;
  await requestId({ generate: () => "req_fixed" })(ctx, async () => {
    called++;
  });
  assert.equal(called, 1);
  assert.equal(ctx.requestId, "req_fixed");
});
