import assert from "node:assert/strict";
import { test } from "node:test";
import type { CompiledConfig, CompiledRoute } from "../../config/compiled.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { partHeaders } from "./part-headers.ts";

test("parts get the client's headers as the gateway left them, plus the correlation id, revision and route; nothing that asks for a variant", () => {
  const fake = fakeContext({
    method: "POST",
    headers: {
      host: "api.tta.dev",
      authorization: "Bearer t",
      "x-tta-user-id": "usr_1", // set by authenticate after the edge removed the client's own
      "x-forwarded-for": "10.0.0.1",
      "content-type": "application/json",
      "content-length": "12",
      "accept-encoding": "gzip, br",
      "if-none-match": '"abc"',
      range: "bytes=0-10",
      accept: "text/html",
    },
    config: { revision: 42 } as CompiledConfig,
  });
  fake.ctx.match = { route: { name: "player-overview" } as CompiledRoute, upstreamPath: "/" };
  const { withBody, withoutBody } = partHeaders(fake.ctx);
  const common = {
    authorization: "Bearer t",
    "x-tta-user-id": "usr_1",
    "x-forwarded-for": "10.0.0.1",
    accept: "application/json",
    "accept-encoding": "identity",
    "x-request-id": "req_test",
    "x-tta-config-revision": "42",
    "x-tta-route": "player-overview",
  };
  assert.deepEqual(withoutBody, common);
  assert.deepEqual(withBody, { ...common, "content-type": "application/json" }, "its own content-length is set per part");
});
