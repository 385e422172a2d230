// What every ServiceRegistry must do, run against each implementation (registry.int.test.ts).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { RegistrationInput, ServiceRegistry } from "./interface.ts";

export interface RegistryUnderTest {
  registry: ServiceRegistry;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function registryContract(name: string, make: () => Promise<RegistryUnderTest>): void {
  describe(`service registry contract: ${name}`, () => {
    let subject: RegistryUnderTest;
    let registry: ServiceRegistry;
    const input = (over: Partial<RegistrationInput> = {}): RegistrationInput => ({
      service: "players",
      url: "http://127.0.0.1:4001",
      weight: 1,
      metadata: {},
      ttlMs: 10_000,
      ...over,
    });

    before(async () => {
      subject = await make();
      registry = subject.registry;
    });
    after(() => subject.close());

    test("a registered instance is listed with what it registered, under a stable ins_ id", async () => {
      const registered = await registry.register(input({ weight: 3, metadata: { zone: "a" } }));
      assert.match(registered.id, /^ins_[0-9a-z]{22}$/);
      assert.equal(typeof registered.registeredAt, "number");
      const listed = await registry.list("players");
      assert.equal(listed.length, 1);
      assert.deepEqual(listed[0], registered);
      assert.deepEqual(await registry.list("nobody"), []);
    });

    test("registering the same url again keeps one entry and takes the new weight and metadata", async () => {
      const first = await registry.register(input({ service: "again" }));
      const second = await registry.register(input({ service: "again", weight: 7, metadata: { v: "2" } }));
      assert.equal(first.id, second.id);
      const listed = await registry.list("again");
      assert.equal(listed.length, 1);
      assert.equal(listed[0]!.weight, 7);
      assert.deepEqual(listed[0]!.metadata, { v: "2" });
    });

    test("services are separate: the same url in two services is two instances", async () => {
      const a = await registry.register(input({ service: "sep-a" }));
      const b = await registry.register(input({ service: "sep-b" }));
      assert.notEqual(a.id, b.id);
      assert.deepEqual((await registry.list("sep-a")).map((i) => i.id), [a.id]);
      assert.deepEqual((await registry.list("sep-b")).map((i) => i.id), [b.id]);
    });

    test("an instance without heartbeats expires after its TTL; heartbeats keep it", async () => {
      const kept = await registry.register(input({ service: "ttl", url: "http://127.0.0.1:5001", ttlMs: 400 }));
      await registry.register(input({ service: "ttl", url: "http://127.0.0.1:5002", ttlMs: 400 }));
      for (let i = 0; i < 4; i++) {
        await sleep(150);
        assert.equal(await registry.heartbeat("ttl", kept.id), true);
      }
      // 600 ms after registering: the silent one is gone, the heartbeating one is not.
      assert.deepEqual((await registry.list("ttl")).map((i) => i.url), ["http://127.0.0.1:5001"]);
    });

    test("a heartbeat for an unknown or expired instance says so", async () => {
      assert.equal(await registry.heartbeat("players", "ins_unknown"), false);
      const short = await registry.register(input({ service: "expire", ttlMs: 150 }));
      await sleep(300);
      assert.deepEqual(await registry.list("expire"), []);
      assert.equal(await registry.heartbeat("expire", short.id), false);
    });

    test("deregister removes the instance at once; a second deregister finds nothing", async () => {
      const registered = await registry.register(input({ service: "bye" }));
      assert.equal(await registry.deregister("bye", registered.id), true);
      assert.deepEqual(await registry.list("bye"), []);
      assert.equal(await registry.deregister("bye", registered.id), false);
      assert.equal(await registry.heartbeat("bye", registered.id), false);
    });

    test("the listed copy cannot change what is stored", async () => {
      await registry.register(input({ service: "copy", metadata: { a: "1" } }));
      const listed = await registry.list("copy");
      listed[0]!.metadata.a = "changed";
      assert.equal((await registry.list("copy"))[0]!.metadata.a, "1");
    });
  });
}
