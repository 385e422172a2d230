import { test } from "node:test";
import assert from "node:assert/strict";
import { ZRedisClusterNodes } from "./redis-cluster.ts";

const messages = (value: string) => {
  const parsed = ZRedisClusterNodes.safeParse(value);
  assert.equal(parsed.success, false, `${value} should be refused`);
  return parsed.error!.issues.map((i) => i.message).join("\n");
};

test("host:port seeds, spaces and empty entries ignored; IPv6 in brackets", () => {
  assert.deepEqual(ZRedisClusterNodes.parse(" 10.0.0.1:7000, redis-b:7001,,[::1]:7002 "), {
    nodes: [{ host: "10.0.0.1", port: 7000 }, { host: "redis-b", port: 7001 }, { host: "::1", port: 7002 }],
    tls: false,
  });
});

test("URL entries carry credentials and TLS for the whole cluster; host:port entries may leave them out", () => {
  assert.deepEqual(ZRedisClusterNodes.parse("rediss://gw:s%40cret@h1:7000,h2:7001,rediss://gw:s%40cret@h3:7002"), {
    nodes: [{ host: "h1", port: 7000 }, { host: "h2", port: 7001 }, { host: "h3", port: 7002 }],
    username: "gw",
    password: "s@cret",
    tls: true,
  });
  assert.deepEqual(ZRedisClusterNodes.parse("redis://:pw@h1:7000"), { nodes: [{ host: "h1", port: 7000 }], password: "pw", tls: false });
});

test("refused with a reason, never repeating a password", () => {
  assert.match(messages(""), /lists no node/);
  assert.match(messages("h1"), /"h1" is neither host:port nor a redis:\/\/ URL/);
  assert.match(messages("h1:99999"), /no valid port/);
  assert.match(messages("http://h1:7000"), /neither host:port/);
  assert.match(messages("redis://h1"), /has no port/);
  assert.match(messages("redis://h1:7000/2"), /no database number/);
  const mixed = messages("redis://:topsecret@h1:7000,redis://:other@h2:7000,redis://:topsecret@h3");
  assert.match(mixed, /disagree on the scheme .* or the credentials/);
  assert.match(mixed, /an entry with credentials has no port/);
  assert.doesNotMatch(mixed, /topsecret|other/);
  assert.match(messages("redis://h1:7000,rediss://h2:7000"), /disagree/);
});
