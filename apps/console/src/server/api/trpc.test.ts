// The API's guarantees that need no database: every mutation is admin-only and checked before its
// input is even parsed; reads need a signed-in user; errors carry a code, field errors and a
// correlation id, never a stack or a driver message.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { ConfigValidationError, ConflictError, type Db } from "@tta/db";
import superjson from "superjson";
import type { SessionUser } from "../auth/session-user.ts";
import { appRouter, createCaller } from "./root.ts";
import type { Context } from "./trpc.ts";

const user = (...roles: SessionUser["roles"]): SessionUser => ({ id: "usr_test", name: "Test", email: "test@tta.local", roles });

/** A database that fails the test if anything touches it. */
const untouchable = new Proxy({} as Db, {
  get(_t, prop) {
    if (prop === "then") return undefined;
    throw new Error(`the database was used (${String(prop)}) although the call should have been refused`);
  },
});

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
const mutations = procedures.filter(([, p]) => p._def.type === "mutation").map(([path]) => path);
const queries = procedures.filter(([, p]) => p._def.type === "query").map(([path]) => path);

async function call(ctx: Context, path: string, input: unknown): Promise<unknown> {
  let fn: any = createCaller(ctx);
  for (const part of path.split(".")) fn = fn[part];
  return fn(input);
}

async function refusal(ctx: Context, path: string, input: unknown = {}): Promise<TRPCError> {
  try {
    await call(ctx, path, input);
  } catch (error) {
    assert.ok(error instanceof TRPCError, `${path}: ${String(error)}`);
    return error;
  }
  assert.fail(`${path} was not refused`);
}

/**
 * Mutations that a role other than admin may call, each one reviewed when it was added. Every other
 * mutation of the app router, including any added later, is found by the loops below and must
 * refuse operators and clinicians.
 */
const OPEN_TO: Record<string, SessionUser["roles"]> = {
  // Operators run the gateways: forcing a breaker open/closed is their job (audited).
  "operations.forceBreaker": ["operator"],
  // The escalation steps are clinicians' work, and only theirs: admins are refused too (below).
  "escalations.acknowledge": ["clinician"],
  "escalations.assign": ["clinician"],
  "escalations.addNote": ["clinician"],
  "escalations.resolve": ["clinician"],
  // Writing to the player's live session behind an event (audited, live-session.int.test.ts).
  "escalations.sendMessage": ["clinician"],
};

/** Queries only admins may call (they show other users' details, the audit log, the safety rules). */
const ADMIN_ONLY_QUERIES = ["users.list", "audit.list", "safety.rules.get"];

/**
 * Therapeutic content and the escalation steps: clinicians only. Admins and operators without the
 * clinician role get escalations.counts and nothing else.
 */
const CLINICIAN_ONLY = ["escalations.queue", "escalations.get", "escalations.history", "escalations.historyOptions", "escalations.live", "escalations.acknowledge", "escalations.assign", "escalations.addNote", "escalations.resolve", "escalations.sendMessage"];
const subscriptions = procedures.filter(([, p]) => p._def.type === "subscription").map(([path]) => path);

describe("role gating", () => {
  it("finds every procedure of the app router, nested routers included", () => {
    for (const path of ["config.publish", "routes.update", "policies.rateLimit.update", "policies.auth.delete", "users.setRoles", "users.resetPassword"])
      assert.ok(mutations.includes(path), path);
    assert.ok(queries.includes("routes.list") && queries.includes("config.revision") && queries.includes("policies.auth.list"));
    for (const path of Object.keys(OPEN_TO)) assert.ok(mutations.includes(path), `OPEN_TO names ${path}, which is not a mutation`);
  });

  for (const roles of [["operator"], ["clinician"], ["operator", "clinician"], []] as SessionUser["roles"][]) {
    it(`refuses every mutation to ${roles.join("+") || "a user without roles"}, before reading the input`, async () => {
      for (const path of mutations.filter((p) => !roles.some((r) => OPEN_TO[p]?.includes(r)))) {
        const error = await refusal({ db: untouchable, user: user(...roles) }, path, { nonsense: true });
        assert.equal(error.code, "FORBIDDEN", path);
        assert.match(error.message, CLINICIAN_ONLY.includes(path) ? /clinician/ : /admin/);
      }
    });

    it(`refuses the admin-only queries to ${roles.join("+") || "a user without roles"}`, async () => {
      for (const path of ADMIN_ONLY_QUERIES) assert.equal((await refusal({ db: untouchable, user: user(...roles) }, path)).code, "FORBIDDEN", path);
    });
  }

  for (const roles of [["admin"], ["operator"], ["admin", "operator"]] as SessionUser["roles"][]) {
    it(`refuses therapeutic content and escalation steps to ${roles.join("+")} without the clinician role`, async () => {
      for (const path of CLINICIAN_ONLY) {
        const error = await refusal({ db: untouchable, user: user(...roles) }, path, { id: "evt_0000000000000000000000" });
        assert.equal(error.code, "FORBIDDEN", path);
        assert.match(error.message, /clinician role/);
      }
    });
  }

  it("lists every escalations procedure as clinician-only but the counts", () => {
    const escalations = [...mutations, ...queries, ...subscriptions].filter((p) => p.startsWith("escalations."));
    assert.deepEqual(escalations.filter((p) => !CLINICIAN_ONLY.includes(p)), ["escalations.counts"]);
  });

  it("refuses every call without a signed-in user", async () => {
    for (const path of [...mutations, ...queries, ...subscriptions]) {
      const error = await refusal({ db: untouchable, user: null }, path);
      assert.equal(error.code, "UNAUTHORIZED", path);
    }
  });
});

async function post(path: string, input: unknown, ctx: Context) {
  const req = new Request(`http://console.test/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => ctx });
  const body = (await res.json()) as { error: { json: { message: string; code: number; data: Record<string, any> } } };
  return { status: res.status, error: body.error.json };
}

const admin = user("admin");
const validRoute = { name: "hello", path: "/hello/*", rewrite: "/*", service: "players" };

describe("error answers", () => {
  it("turns a ConfigValidationError into 400 CONSOLE_VALIDATION with field errors and a correlation id", async () => {
    const db = { $transaction: async () => { throw new ConfigValidationError([{ path: "service", message: 'unknown service "nope"' }]); } } as unknown as Db;
    const { status, error } = await post("routes.create", validRoute, { db, user: admin });
    assert.equal(status, 400);
    assert.equal(error.data.code, "BAD_REQUEST");
    assert.equal(error.data.appCode, "CONSOLE_VALIDATION");
    assert.deepEqual(error.data.fieldErrors, [{ path: "service", message: 'unknown service "nope"' }]);
    assert.match(error.data.correlationId, /^req_[0-9a-z]{22}$/);
    assert.equal(error.data.stack, undefined);
  });

  it("reports input that fails the shared zod schema as field errors with the form's paths", async () => {
    const { status, error } = await post("routes.update", { id: "rt_x", ...validRoute, path: "hello", timeoutMs: 5 }, { db: untouchable, user: admin });
    assert.equal(status, 400);
    assert.equal(error.data.appCode, "CONSOLE_VALIDATION");
    assert.deepEqual(error.data.fieldErrors.map((e: { path: string }) => e.path).sort(), ["path", "timeoutMs"]);
    assert.equal(error.message, "Some fields are not valid.");
  });

  it("turns a NotFoundError into 404 CONSOLE_NOT_FOUND", async () => {
    const db = { route: { findUnique: async () => null } } as unknown as Db;
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(`http://console.test/api/trpc/routes.get?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ id: "rt_missing" })))}`),
      router: appRouter,
      createContext: () => ({ db, user: user("clinician") }),
    });
    const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    assert.equal(res.status, 404);
    assert.equal(body.error.json.data.appCode, "CONSOLE_NOT_FOUND");
  });

  it("turns a ConflictError (someone was first) into 409 CONSOLE_CONFLICT with its message", async () => {
    const db = { $transaction: async () => { throw new ConflictError("This event was already acknowledged."); } } as unknown as Db;
    const { status, error } = await post("escalations.acknowledge", { id: "evt_0000000000000000000000" }, { db, user: user("clinician") });
    assert.equal(status, 409);
    assert.equal(error.data.appCode, "CONSOLE_CONFLICT");
    assert.equal(error.message, "This event was already acknowledged.");
  });

  it("hides the message and stack of an unexpected failure, and keeps the correlation id", async () => {
    const db = { $transaction: async () => { throw new Error("connect ECONNREFUSED postgresql://postgres:s3cret@db:5432"); } } as unknown as Db;
    const { status, error } = await post("routes.create", validRoute, { db, user: admin });
    assert.equal(status, 500);
    assert.equal(error.message, "Something went wrong on the server.");
    assert.doesNotMatch(JSON.stringify(error), /s3cret|ECONNREFUSED|at /);
    assert.match(error.data.correlationId, /^req_/);
  });

  it("answers 403 with role guidance to a non-admin", async () => {
    const { status, error } = await post("config.publish", { message: "x" }, { db: untouchable, user: user("operator") });
    assert.equal(status, 403);
    assert.match(error.message, /admin role.*operator/);
  });
});
