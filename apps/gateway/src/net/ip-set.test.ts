import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { test } from "node:test";
import { clientIp } from "./client-ip.ts";
import { ipSet, normalizeIp } from "./ip-set.ts";

test("addresses and CIDR ranges, v4 and v6, with IPv4-mapped addresses as v4", () => {
  const set = ipSet(["203.0.113.7", "10.0.0.0/8", "2001:db8::/32", "::1"]);
  for (const yes of ["203.0.113.7", "10.1.2.3", "::ffff:10.200.0.1", "2001:db8:1::5", "::1", "[::1]"]) assert.equal(set.has(yes), true, yes);
  for (const no of ["203.0.113.8", "11.0.0.1", "2001:db9::1", "", "not-an-ip", "127.0.0.1"]) assert.equal(set.has(no), false, no);
  assert.equal(ipSet([]).has("10.0.0.1"), false);
  assert.throws(() => ipSet(["10.0.0.0/x"]));
  assert.equal(normalizeIp("::ffff:127.0.0.1"), "127.0.0.1");
});

const req = (remoteAddress: string, xff?: string) => ({ socket: { remoteAddress }, headers: xff ? { "x-forwarded-for": xff } : {} }) as unknown as IncomingMessage;

test("the client address is the peer unless the peer is a trusted proxy; then the rightmost untrusted hop", () => {
  const trusted = ipSet(["10.0.0.0/8"]);
  assert.equal(clientIp(req("::ffff:198.51.100.4", "1.2.3.4"), trusted), "198.51.100.4", "an untrusted peer's X-Forwarded-For is ignored");
  assert.equal(clientIp(req("10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.3"), trusted), "198.51.100.9", "the client cannot choose by prepending");
  assert.equal(clientIp(req("10.0.0.2", "10.0.0.5"), trusted), "10.0.0.2", "only trusted hops: the peer");
  assert.equal(clientIp(req("10.0.0.2", "garbage"), trusted), "10.0.0.2");
  assert.equal(clientIp(req("10.0.0.2", "198.51.100.9"), null), "10.0.0.2", "no trusted proxies: never read the header");
});
