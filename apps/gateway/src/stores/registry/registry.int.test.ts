// The registry contract on real Redis (a key prefix of its own per run) and on the local twin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createLocalRegistry } from "./local.ts";
import { createRedisRegistry } from "./redis.ts";
import { registryContract } from "./registry.contract.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:${randomBytes(4).toString("hex")}:`;

async function cleanup(client: Redis): Promise<void> {
  const keys = await client.keys(`${prefix}*`);
  if (keys.length) await client.del(...keys);
  await client.quit();
}

registryContract("local", async () => ({ registry: createLocalRegistry(), close: async () => {} }));

registryContract("redis", async () => {
  const client = new Redis(REDIS_URL);
  return { registry: createRedisRegistry(client, prefix), close: () => cleanup(client) };
});

test("redis registry: keys are services:{name} and health:{id}, behind the prefix, health with a TTL", async () => {
  const client = new Redis(REDIS_URL);
  const keyPrefix = `${prefix}keys:`;
  try {
    const registry = createRedisRegistry(client, keyPrefix);
    const registered = await registry.register({ service: "players", url: "http://127.0.0.1:4001", weight: 1, metadata: {}, ttlMs: 5_000 });
    assert.equal(await client.hexists(`${keyPrefix}services:players`, registered.id), 1);
    const ttl = await client.pttl(`${keyPrefix}health:${registered.id}`);
    assert.ok(ttl > 3_000 && ttl <= 5_000, `health TTL ${ttl}`);
    assert.equal(JSON.parse((await client.get(`${keyPrefix}health:${registered.id}`))!).status, "up");
    assert.equal(await client.exists("services:players"), 0, "nothing outside the prefix");
  } finally {
    await cleanup(client);
  }
});
