import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import type { CompiledRoute } from "../../config/compiled.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { observe, type RequestRecorder } from "./observe.ts";

type Call = [string | null, number, boolean, number];

function recording(): { recorder: RequestRecorder; calls: Call[] } {
  const calls: Call[] = [];
  return { calls, recorder: { record: (route, status, failed, ms) => void calls.push([route?.name ?? null, status, failed, ms]) } };
}

/** The fake response does not track statusCode as node's does on writeHead. */
function answer(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.writeHead(status).end();
}

const clock = (...times: number[]) => () => times.shift() ?? 0;
const route = { name: "players-api", service: { name: "players" } } as unknown as CompiledRoute;

test("an answer ended inside the chain is recorded once, with route, status and duration", async () => {
  const { recorder, calls } = recording();
  const { ctx } = fakeContext();
  await observe({ recorders: [recorder], now: clock(100, 112.5) })(ctx, async () => {
    ctx.match = { route, upstreamPath: "/" };
    answer(ctx.res, 201);
  });
  assert.deepEqual(calls, [["players-api", 201, false, 12.5]]);
});

test("5xx answers are failures; unmatched requests have no route", async () => {
  const { recorder, calls } = recording();
  const { ctx } = fakeContext();
  await observe({ recorders: [recorder], now: clock(0, 1) })(ctx, async () => {
    answer(ctx.res, 503);
  });
  assert.deepEqual(calls, [[null, 503, true, 1]]);
});

/** A response whose end comes after the chain returned (streamed bodies, the handler's last-resort 500). */
function lateResponse() {
  const emitter = new EventEmitter();
  const res = Object.assign(emitter, { headersSent: false, statusCode: 200, writableEnded: false, destroyed: false });
  return res;
}

test("a streamed answer is recorded when the response closes; one cut before its end is a failure", async () => {
  for (const ended of [true, false]) {
    const { recorder, calls } = recording();
    const { ctx } = fakeContext();
    const res = lateResponse();
    Object.assign(ctx, { res: res as unknown as ServerResponse });
    await observe({ recorders: [recorder], now: clock(0, 40) })(ctx, async () => {
      res.headersSent = true;
    });
    assert.deepEqual(calls, [], "nothing yet: the body is still streaming");
    res.writableEnded = ended;
    res.emit("close");
    assert.deepEqual(calls, [[null, 200, !ended, 40]]);
  }
});

test("a client gone before any answer is status 0; a stage that throws still gets recorded (as the 500 that follows)", async () => {
  const { recorder, calls } = recording();
  const { ctx } = fakeContext();
  const res = lateResponse();
  Object.assign(ctx, { res: res as unknown as ServerResponse });
  await observe({ recorders: [recorder], now: clock(0, 5) })(ctx, async () => {});
  res.emit("close");
  assert.deepEqual(calls, [[null, 0, false, 5]]);

  const thrown = recording();
  const late = lateResponse();
  Object.assign(ctx, { res: late as unknown as ServerResponse });
  await assert.rejects(observe({ recorders: [thrown.recorder], now: clock(0, 2) })(ctx, async () => Promise.reject(new Error("boom"))), /boom/);
  Object.assign(late, { headersSent: true, statusCode: 500, writableEnded: true });
  late.emit("close");
  assert.deepEqual(thrown.calls, [[null, 500, true, 2]]);
});

test("a recorder that throws does not stop the others nor the request", async () => {
  const { recorder, calls } = recording();
  const broken: RequestRecorder = { record: () => { throw new Error("broken recorder"); } };
  const { ctx } = fakeContext();
  await observe({ recorders: [broken, recorder], now: clock(0, 1) })(ctx, async () => {
    answer(ctx.res, 200);
  });
  assert.equal(calls.length, 1);
});
