// What every ForcedBreakerStore must do, run on each implementation (forced-breakers.int.test.ts).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ForcedBreakerStore } from "./interface.ts";

export function forcedBreakersContract(name: string, make: () => Promise<{ store: ForcedBreakerStore; close(): Promise<void> }>): void {
  describe(`forced breaker store contract: ${name}`, () => {
    test("set, overwrite, clear; all() is a copy keyed by service|instance", async () => {
      const { store, close } = await make();
      try {
        assert.deepEqual([...(await store.all())], []);
        await store.set("players", "http://127.0.0.1:4001", "open");
        await store.set("auth", "http://127.0.0.1:4002", "closed");
        await store.set("players", "http://127.0.0.1:4001", "closed");
        const all = await store.all();
        assert.deepEqual([...all].sort(), [
          ["auth|http://127.0.0.1:4002", "closed"],
          ["players|http://127.0.0.1:4001", "closed"],
        ]);
        all.clear();
        assert.equal((await store.all()).size, 2);
        await store.set("players", "http://127.0.0.1:4001", null);
        await store.set("nobody", "http://x", null);
        assert.deepEqual([...(await store.all())], [["auth|http://127.0.0.1:4002", "closed"]]);
      } finally {
        await close();
      }
    });
  });
}
