import { test } from "node:test";
import assert from "node:assert/strict";
import { GatewayError } from "../pipeline/gateway-error.ts";
import { classifyUpstreamError } from "./classify-error.ts";

const err = (code: string) => Object.assign(new Error(code), { code });

test("connection failures are 502 GW_UPSTREAM_UNAVAILABLE and keep their cause", () => {
  for (const code of ["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH"]) {
    const cause = err(code);
    const mapped = classifyUpstreamError(cause);
    assert.equal(mapped.code, "GW_UPSTREAM_UNAVAILABLE");
    assert.equal(mapped.status, 502);
    assert.equal(mapped.retryable, true);
    assert.equal(mapped.cause, cause);
  }
});

test("a malformed upstream answer is GW_UPSTREAM_BAD_RESPONSE; a gateway error passes through", () => {
  assert.equal(classifyUpstreamError(err("HPE_INVALID_CONSTANT")).code, "GW_UPSTREAM_BAD_RESPONSE");
  const timeout = new GatewayError("GW_UPSTREAM_TIMEOUT");
  assert.equal(classifyUpstreamError(timeout), timeout);
  assert.equal(classifyUpstreamError("weird").code, "GW_UPSTREAM_UNAVAILABLE");
});
