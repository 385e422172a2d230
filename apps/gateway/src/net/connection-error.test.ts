import assert from "node:assert/strict";
import { test } from "node:test";
import { isConnectionError, outageError } from "./connection-error.ts";

const sysError = (code: string, message: string) => Object.assign(new Error(message), { code });

test("an expected connection failure becomes one line: code and message, no stack", () => {
  assert.deepEqual(outageError(sysError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:6379")), { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:6379" });
  assert.deepEqual(outageError(sysError("57P01", "terminating connection due to administrator command")), { code: "57P01", message: "terminating connection due to administrator command" });
  assert.deepEqual(outageError(new Error("Connection terminated unexpectedly")), { message: "Connection terminated unexpectedly" });
  const both = new AggregateError([sysError("ECONNREFUSED", "connect ECONNREFUSED ::1:5432"), sysError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")], "");
  assert.deepEqual(outageError(both), { code: "ECONNREFUSED", message: "connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432" });
});

test("anything else is kept whole, stack included: it may be a bug", () => {
  const bug = new TypeError("cannot read properties of undefined (reading 'x')");
  assert.equal(outageError(bug), bug);
  assert.equal(isConnectionError(sysError("23505", "duplicate key value")), false);
  assert.equal(isConnectionError("ECONNREFUSED"), false);
});
