// Checks an email and password against the users table. Unknown emails cost the same scrypt work as
// known ones, so response times do not tell which addresses exist. Each attempt is audited.
import { hashPassword, verifyPassword, type Db } from "@tta/db";
import type { SessionUser } from "./session-user.ts";
import { auditSignIn, type SignInOutcome } from "./sign-in-audit.ts";

let decoy: Promise<string> | undefined;

async function attempt(db: Db, email: unknown, password: unknown): Promise<SignInOutcome & { roles?: SessionUser["roles"] }> {
  if (typeof email !== "string" || typeof password !== "string" || !email || !password) return { ok: false, reason: "missing_fields", user: null };
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, omit: { passwordHash: false } });
  decoy ??= hashPassword("decoy password for unknown users");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoy));
  if (!user) return { ok: false, reason: "unknown_email", user: null };
  const who = { id: user.id, name: user.name, email: user.email };
  if (!ok) return { ok: false, reason: "wrong_password", user: who };
  if (user.disabled) return { ok: false, reason: "disabled", user: who };
  return { ok: true, user: who, roles: user.roles };
}

export async function checkCredentials(db: Db, email: unknown, password: unknown, client: { ip: string | null } = { ip: null }): Promise<SessionUser | null> {
  const outcome = await attempt(db, email, password);
  // A sign-in must not fail because the audit could not be written, nor go unrecorded silently.
  await auditSignIn(db, outcome, client).catch((error: unknown) => console.error("sign-in audit failed", (error as Error).message));
  return outcome.ok && outcome.roles ? { ...outcome.user, roles: outcome.roles } : null;
}
