import { test } from "node:test";
import assert from "node:assert/strict";
import { hashTagOf, keySlot } from "./key-slot.ts";

test("slots as CLUSTER KEYSLOT gives them (values from a Redis 7 cluster and the cluster spec)", () => {
  assert.equal(keySlot("123456789"), 12_739); // the spec's CRC16 check value 0x31C3
  assert.equal(keySlot("foo"), 12_182);
  assert.equal(keySlot("hello"), 866);
  assert.equal(keySlot(""), 0);
  assert.equal(keySlot("ws:session:{ses_1}"), keySlot("ses_1"));
  assert.equal(keySlot("ws:session:{ses_1}"), keySlot("ws:session:{ses_1}:out"));
});

test("the hash tag: the first {…} that is not empty; {} or an unclosed { hashes the whole key", () => {
  assert.equal(hashTagOf("{user1000}.following"), "user1000");
  assert.equal(hashTagOf("a{b}{c}"), "b");
  assert.equal(hashTagOf("foo{}{bar}"), "foo{}{bar}");
  assert.equal(hashTagOf("foo{{bar}}zap"), "{bar");
  assert.equal(hashTagOf("foo{bar"), "foo{bar");
  assert.equal(hashTagOf("plain"), "plain");
});
