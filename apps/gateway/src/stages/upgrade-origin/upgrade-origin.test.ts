import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../../config/compile.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { upgradeOrigin } from "./upgrade-origin.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "chat", instances: [{ url: "http://127.0.0.1:4102" }] }],
    routes: [
      { id: "rt_1", name: "app-ws", path: "/ws/app", service: "chat", websocket: true, cors: { origins: ["https://app.tta.dev"] } },
      { id: "rt_2", name: "plain-ws", path: "/ws/plain", service: "chat", websocket: true },
    ],
  }),
  { revision: 1, checksum: "c" },
);

async function upgrade(route: string, headers: Record<string, string>) {
  const fake = fakeContext({ config, url: "/ws", headers });
  fake.ctx.match = { route: config.routes.find((r) => r.name === route)!, upstreamPath: "/ws" };
  let passed = false;
  await upgradeOrigin()(fake.ctx, async () => {
    passed = true;
  });
  return { passed, answer: fake.answer };
}

test("a browser's upgrade passes from an origin the route's CORS settings allow, and is refused (403) from another", async () => {
  assert.equal((await upgrade("app-ws", { origin: "https://app.tta.dev", host: "gw.tta.dev" })).passed, true);
  const refused = await upgrade("app-ws", { origin: "https://evil.example", host: "gw.tta.dev" });
  assert.equal(refused.passed, false);
  assert.equal(refused.answer.status, 403);
  assert.match(refused.answer.body, /GW_CORS_DENIED/);
});

test("without CORS settings only the gateway's own origin passes; a client without Origin (not a browser) passes", async () => {
  assert.equal((await upgrade("plain-ws", { origin: "https://gw.tta.dev", host: "gw.tta.dev" })).passed, true);
  assert.equal((await upgrade("plain-ws", { origin: "https://other.tta.dev", host: "gw.tta.dev" })).passed, false);
  assert.equal((await upgrade("plain-ws", { origin: "null", host: "gw.tta.dev" })).passed, false, "an opaque origin (sandboxed page, file:)");
  assert.equal((await upgrade("plain-ws", { host: "gw.tta.dev" })).passed, true);
});
