// The session store contract on real Redis (a key prefix of its own per run) and on the local twin.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createLocalSessionStore } from "./local.ts";
import { createRedisSessionStore } from "./redis.ts";
import { sessionStoreContract } from "./session-store.contract.ts";

sessionStoreContract("local", async () => ({ store: createLocalSessionStore(), close: async () => {} }));

sessionStoreContract("redis", async () => {
  const client = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  const prefix = `test:ws-sessions:${randomBytes(4).toString("hex")}:`;
  return {
    store: createRedisSessionStore(client, prefix),
    async close() {
      const keys = await client.keys(`${prefix}*`);
      if (keys.length) await client.del(...keys);
      await client.quit();
    },
  };
});
