import { test } from "node:test";
import assert from "node:assert/strict";
import { bearerToken, upgradeToken } from "./extract-token.ts";

const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln";

test("Authorization: Bearer (any case), other schemes ignored, junk is malformed", () => {
  assert.deepEqual(bearerToken({ authorization: `Bearer ${jwt}` }), { kind: "token", token: jwt });
  assert.deepEqual(bearerToken({ authorization: `bearer   ${jwt} ` }), { kind: "token", token: jwt });
  assert.deepEqual(bearerToken({ authorization: "Basic dXNlcjpwdw==" }), { kind: "none" });
  assert.deepEqual(bearerToken({}), { kind: "none" });
  for (const bad of ["Bearer ", "Bearer a.b", "Bearer a b.c.d", `Bearer ${"a".repeat(9000)}.b.c`, "Bearer a.b.c\u0000"]) assert.equal(bearerToken({ authorization: bad }).kind, "malformed", bad.slice(0, 20));
});

test("upgrades: the header first, then a bearer.<token> subprotocol, then the cookie; never the query", () => {
  assert.deepEqual(upgradeToken({ "sec-websocket-protocol": `chat.v1, bearer.${jwt}` }), { kind: "token", token: jwt });
  assert.deepEqual(upgradeToken({ cookie: `theme=dark; tta_access_token=${jwt}` }), { kind: "token", token: jwt });
  assert.deepEqual(upgradeToken({ authorization: `Bearer ${jwt}`, cookie: "tta_access_token=x.y.z" }), { kind: "token", token: jwt });
  assert.deepEqual(upgradeToken({ "sec-websocket-protocol": "chat.v1" }), { kind: "none" });
});
