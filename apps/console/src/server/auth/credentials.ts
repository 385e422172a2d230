// Checks an email and password against the users table. Unknown emails cost the same scrypt work as
// known ones, so response times do not tell which addresses exist.
import { hashPassword, verifyPassword, type Db } from "@tta/db";
import type { SessionUser } from "./session-user.ts";

let decoy: Promise<string> | undefined;

export async function checkCredentials(db: Db, email: unknown, password: unknown): Promise<SessionUser | null> {
  if (typeof email !== "string" || typeof password !== "string" || !email || !password) return null;
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, omit: { passwordHash: false } });
  decoy ??= hashPassword("decoy password for unknown users");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoy));
  if (!user || !ok || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, roles: user.roles };
}
