import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { adminToken } from "./admin-token.ts";

const req = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

test("with a token: the right Bearer passes, a missing or malformed header is 401, a wrong token 403", () => {
  const token = adminToken("a-long-admin-token-for-tests");
  assert.equal(token.configured, true);
  for (const access of ["read", "write"] as const) {
    assert.equal(token.check(req("Bearer a-long-admin-token-for-tests"), access), null);
    assert.equal(token.check(req("bearer a-long-admin-token-for-tests"), access), null);
    assert.equal(token.check(req(), access), "GW_ADMIN_UNAUTHORIZED");
    assert.equal(token.check(req("Basic YWRtaW46eA=="), access), "GW_ADMIN_UNAUTHORIZED");
    assert.equal(token.check(req("Bearer"), access), "GW_ADMIN_UNAUTHORIZED");
    assert.equal(token.check(req("Bearer a-long-admin-token-for-test"), access), "GW_ADMIN_FORBIDDEN");
    assert.equal(token.check(req("Bearer x"), access), "GW_ADMIN_FORBIDDEN");
  }
});

test("without a token: reads are open, writes are disabled whatever is sent", () => {
  const token = adminToken(undefined);
  assert.equal(token.configured, false);
  assert.equal(token.check(req(), "read"), null);
  assert.equal(token.check(req("Bearer anything"), "write"), "GW_ADMIN_DISABLED");
  assert.equal(adminToken("").configured, false);
});
