import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { setIdentityHeaders, stripGatewayHeaders } from "./identity-headers.ts";

test("every incoming x-tta-* header goes, in either spelling; others stay", () => {
  const headers: IncomingHttpHeaders = {
    "x-tta-user-id": "usr_admin",
    "x-tta-roles": "admin",
    x_tta_roles: "admin",
    "x-tta_clearance": "crisis",
    "x-tta-anything-new": "1",
    "x-ttamper": "kept",
    "x-request-id": "kept-id",
    authorization: "Bearer a.b.c",
  };
  stripGatewayHeaders(headers);
  assert.deepEqual(Object.keys(headers).sort(), ["authorization", "x-request-id", "x-ttamper"]);
});

test("the verified identity as headers", () => {
  const headers: IncomingHttpHeaders = {};
  setIdentityHeaders(headers, { userId: "usr_bob", roles: ["clinician", "admin"], permissions: [], clearance: "clinical", sessionId: null, policy: "tta", expiresAt: 0 });
  assert.deepEqual(headers, { "x-tta-user-id": "usr_bob", "x-tta-roles": "clinician,admin", "x-tta-permissions": "", "x-tta-clearance": "clinical", "x-tta-auth-policy": "tta" });
});
