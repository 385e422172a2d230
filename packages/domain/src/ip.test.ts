import assert from "node:assert/strict";
import { isIPv4 as nodeIsIPv4, isIPv6 as nodeIsIPv6 } from "node:net";
import { test } from "node:test";
import { isIPv4, isIPv6, isIpOrCidr } from "./ip.ts";

const samples = [
  "0.0.0.0", "127.0.0.1", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-1", " 1.2.3.4",
  "::", "::1", "1::", "2001:db8::1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1%eth0", "::ffff:192.0.2.1",
  "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4", "1::2::3", ":::", ":1", "1:", "12345::", "g::1",
  "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "",
];

test("agrees with node:net on addresses (except zone ids, which a policy never lists)", () => {
  for (const s of samples) {
    assert.equal(isIPv4(s), nodeIsIPv4(s), `v4 ${s}`);
    if (!s.includes("%")) assert.equal(isIPv6(s), nodeIsIPv6(s), `v6 ${s}`);
  }
  assert.equal(isIPv6("fe80::1%eth0"), false);
});

test("CIDR ranges have a prefix that fits the address family", () => {
  for (const ok of ["10.0.0.0/8", "203.0.113.7/32", "0.0.0.0/0", "2001:db8::/32", "::/0", "::1/128", "192.0.2.1"]) assert.ok(isIpOrCidr(ok), ok);
  for (const bad of ["10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/a", "/8", "example.com", "10.0.0.0/8/8", "1.2.3.4/-1"])
    assert.equal(isIpOrCidr(bad), false, bad);
});
