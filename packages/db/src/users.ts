// Console users as admins manage them: create with roles and an initial password, change roles,
// disable/enable, reset a password; audited in the same transaction. Password hashes never leave
// this package (every select below names its columns), and an admin cannot lock themselves out.
import { newId, toFieldErrors, ZPassword, ZUserCreate, ZUserRoles, type TRole, type TUserRecord } from "@tta/domain";
import type { z } from "zod";
import type { Db, Tx } from "./client.ts";
import { writeAudit } from "./audit.ts";
import type { ChangeContext } from "./config/routes.ts";
import { ConfigValidationError, NotFoundError } from "./errors.ts";
import { hashPassword } from "./password.ts";

const select = { id: true, name: true, email: true, roles: true, disabled: true, createdAt: true, updatedAt: true } as const;

function parse<T extends z.ZodType>(schema: T, input: unknown, path?: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = toFieldErrors(parsed.error).map((e) => (path ? { ...e, path: e.path ? `${path}.${e.path}` : path } : e));
  throw new ConfigValidationError(fields);
}

async function existing(tx: Tx, id: string): Promise<TUserRecord> {
  const user = await tx.user.findUnique({ where: { id }, select });
  if (!user) throw new NotFoundError(`user ${id} does not exist`);
  return user;
}

export async function listUsers(db: Db): Promise<TUserRecord[]> {
  return db.user.findMany({ select, orderBy: [{ disabled: "asc" }, { email: "asc" }] });
}

export async function createUser(db: Db, input: unknown, ctx: ChangeContext): Promise<TUserRecord> {
  const { password, ...user } = parse(ZUserCreate, input);
  const emailTaken = () => new ConfigValidationError([{ path: "email", message: `a user with the email ${user.email} already exists` }]);
  const passwordHash = await hashPassword(password); // outside the transaction: scrypt takes a while
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: user.email }, select: { id: true } })) throw emailTaken();
      const created = await tx.user.create({ data: { id: newId("user"), ...user, passwordHash }, select });
      await writeAudit(tx, { ...ctx, action: "user.create", entityType: "user", entityId: created.id, after: created });
      return created;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw emailTaken();
    throw error;
  }
}

export async function setUserRoles(db: Db, id: string, input: unknown, ctx: ChangeContext): Promise<TUserRecord> {
  const roles: TRole[] = parse(ZUserRoles, input, "roles");
  if (id === ctx.actor.id && !roles.includes("admin")) {
    throw new ConfigValidationError([{ path: "roles", message: "you cannot remove your own admin role; ask another admin" }]);
  }
  return db.$transaction(async (tx) => {
    const before = await existing(tx, id);
    const after = await tx.user.update({ where: { id }, data: { roles }, select });
    await writeAudit(tx, { ...ctx, action: "user.set_roles", entityType: "user", entityId: id, before: { roles: before.roles }, after: { roles: after.roles } });
    return after;
  });
}

export async function setUserDisabled(db: Db, id: string, disabled: boolean, ctx: ChangeContext): Promise<TUserRecord> {
  if (id === ctx.actor.id && disabled) {
    throw new ConfigValidationError([{ path: "disabled", message: "you cannot disable yourself; ask another admin" }]);
  }
  return db.$transaction(async (tx) => {
    const before = await existing(tx, id);
    const after = await tx.user.update({ where: { id }, data: { disabled }, select });
    await writeAudit(tx, {
      ...ctx,
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: id,
      before: { disabled: before.disabled },
      after: { disabled },
    });
    return after;
  });
}

/** Sets a new password chosen by an admin. The audit row records that it happened, never the password. */
export async function resetUserPassword(db: Db, id: string, password: unknown, ctx: ChangeContext): Promise<TUserRecord> {
  const passwordHash = await hashPassword(parse(ZPassword, password, "password"));
  return db.$transaction(async (tx) => {
    await existing(tx, id);
    const after = await tx.user.update({ where: { id }, data: { passwordHash }, select });
    await writeAudit(tx, { ...ctx, action: "user.reset_password", entityType: "user", entityId: id });
    return after;
  });
}
