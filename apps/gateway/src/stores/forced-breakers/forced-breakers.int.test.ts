// The forced-breaker contract on real Redis (own key prefix per run) and on the local twin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { forcedBreakersContract } from "./forced-breakers.contract.ts";
import { createLocalForcedBreakers } from "./local.ts";
import { createRedisForcedBreakers } from "./redis.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:${randomBytes(4).toString("hex")}:`;

forcedBreakersContract("local", async () => ({ store: createLocalForcedBreakers(), close: async () => {} }));

forcedBreakersContract("redis", async () => {
  const client = new Redis(REDIS_URL);
  return {
    store: createRedisForcedBreakers(client, prefix),
    async close() {
      await client.del(`${prefix}breaker:forced`);
      await client.quit();
    },
  };
});

test("redis: the hash is LIVE_REDIS.forcedBreakers behind the prefix", async () => {
  const client = new Redis(REDIS_URL);
  try {
    await createRedisForcedBreakers(client, prefix).set("players", "http://127.0.0.1:1", "open");
    assert.equal(await client.hget(`${prefix}breaker:forced`, "players|http://127.0.0.1:1"), "open");
  } finally {
    await client.del(`${prefix}breaker:forced`);
    await client.quit();
  }
});
