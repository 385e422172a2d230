// The people a change is recorded under: the author must be an active admin, an approver of a
// safety weakening an active clinician who proves it with their password (from the environment,
// never the command line, so it stays out of shell history and `ps`).
import { verifyPassword, type Actor, type Db } from "@tta/db";
import { CliError } from "./cli-error.ts";

export const APPROVER_PASSWORD_ENV = "TTA_APPROVER_PASSWORD";

async function activeUserWithRole(db: Db, email: string, role: "admin" | "clinician", flag: string) {
  const user = await db.user.findFirst({ where: { email: { equals: email.trim(), mode: "insensitive" } }, omit: { passwordHash: false } });
  if (!user || user.disabled) throw new CliError(`${flag} ${email}: no active console user has this email`);
  if (!user.roles.includes(role)) throw new CliError(`${flag} ${email}: this user does not have the ${role} role`);
  return user;
}

export async function authorActor(db: Db, email: string | undefined): Promise<Actor> {
  if (!email) throw new CliError("--author EMAIL is required: the console admin the revision is recorded under");
  const user = await activeUserWithRole(db, email, "admin", "--author");
  return { id: user.id, label: user.email };
}

export async function approverActor(db: Db, email: string, password: string | undefined): Promise<Actor> {
  if (!password) throw new CliError(`--approved-by ${email}: set ${APPROVER_PASSWORD_ENV} to the clinician's password`);
  const user = await activeUserWithRole(db, email, "clinician", "--approved-by");
  if (!(await verifyPassword(password, user.passwordHash))) throw new CliError(`--approved-by ${email}: the password in ${APPROVER_PASSWORD_ENV} is not this clinician's`);
  return { id: user.id, label: user.email };
}
