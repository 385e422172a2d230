// For the API's integration tests: a fresh, migrated and seeded database, one user per role, and
// a tRPC caller acting as each of them.
import { TRPCError } from "@trpc/server";
import { DEMO_SERVICES, hashPassword, seedDemo, type Db, type DemoService } from "@tta/db";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { newId, type FieldError, type TRole } from "@tta/domain";
import type { SessionUser } from "../auth/session-user.ts";
import { createCaller } from "./root.ts";
import { fieldErrorsOf } from "./trpc.ts";

export const PASSWORD = "correct horse battery staple";

export interface ConsoleTestEnv {
  tdb: TestDatabase;
  db: Db;
  users: Record<TRole, SessionUser>;
  as: (user: SessionUser | null) => ReturnType<typeof createCaller>;
}

export async function setupConsoleTest(label: string): Promise<ConsoleTestEnv> {
  const tdb = await createTestDatabase(label);
  const upstreams = Object.fromEntries(DEMO_SERVICES.map((s, i) => [s, `http://127.0.0.1:${4101 + i}`])) as Record<DemoService, string>;
  await seedDemo(tdb.db, { upstreams, admin: { email: "admin@tta.local", name: "Ada Admin", password: PASSWORD } });
  const admin = await tdb.db.user.findUniqueOrThrow({ where: { email: "admin@tta.local" }, select: { id: true, name: true, email: true, roles: true } });
  const users: Record<TRole, SessionUser> = { admin, operator: await addUser(tdb.db, "operator"), clinician: await addUser(tdb.db, "clinician") };
  return { tdb, db: tdb.db, users, as: (user) => createCaller({ db: tdb.db, user }) };
}

export async function addUser(db: Db, role: TRole, options: { disabled?: boolean; email?: string } = {}): Promise<SessionUser> {
  const email = options.email ?? `${role}@tta.local`;
  return db.user.create({
    data: { id: newId("user"), email, name: `A ${role}`, roles: [role], passwordHash: await hashPassword(PASSWORD), disabled: options.disabled ?? false },
    select: { id: true, name: true, email: true, roles: true },
  });
}

/** The refusal of a call, as the API would answer it: its code and its field errors. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: TRPCError["code"]; fields: FieldError[]; error: TRPCError }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, fields: fieldErrorsOf(error) ?? [], error };
  }
  throw new Error("the call was expected to be refused, and it succeeded");
}
