import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { entityHref } from "./entity-link.ts";

const row = (entityType: string, entityId: string | null, after: unknown = null) => ({ entityType, entityId, after, before: null });

describe("entityHref", () => {
  it("opens each kind of entity on its page", () => {
    assert.equal(entityHref(row("route", "rt_1")), "/routes/rt_1");
    assert.equal(entityHref(row("service", "svc_1")), "/services/svc_1");
    assert.equal(entityHref(row("rate_limit_policy", "rlp_1")), "/policies/rate-limit/rlp_1");
    assert.equal(entityHref(row("auth_policy", "ap_1")), "/policies/auth/ap_1");
    assert.equal(entityHref(row("config_revision", "rev_1", { number: 7, message: "m" })), "/revisions/7");
    assert.equal(entityHref(row("user", "usr_1")), "/users?q=usr_1");
    assert.equal(entityHref(row("therapeutic_event", "evt_1")), "/escalations?event=evt_1");
    assert.equal(entityHref(row("breaker", "players|http://x")), "/operations");
  });

  it("gives none where the console has no page", () => {
    assert.equal(entityHref(row("config_revision", "rev_1")), null);
    assert.equal(entityHref(row("something_else", "x_1")), null);
    assert.equal(entityHref(row("route", null)), null);
  });
});
