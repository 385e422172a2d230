// Auth policies (how a route's tokens are verified) in the working tables: validated, unique names,
// audited in the same transaction; a policy a route uses cannot be deleted. HMAC secrets never come
// here: a policy names the gateway's environment variable that holds one.
import { newId, toFieldErrors, ZAuthPolicy, type TAuthPolicy, type TAuthPolicyRecord } from "@tta/domain";
import type { Db, Tx } from "../client.ts";
import { writeAudit } from "../audit.ts";
import { ConfigValidationError, NotFoundError } from "../errors.ts";
import { isForeignKeyViolation, isUniqueViolation, nameTaken, policyInUse } from "./policy-errors.ts";
import { authPolicyFromRow, authPolicyToRow } from "./policy-rows.ts";
import type { ChangeContext } from "./routes.ts";

const WHAT = "auth policy";
const include = { routes: { select: { name: true }, orderBy: { name: "asc" } } } as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(tx: Tx, id: string) {
  return tx.authPolicy.findUnique({ where: { id }, include });
}

function dto(row: Row): TAuthPolicyRecord {
  return { ...ZAuthPolicy.parse(authPolicyFromRow(row)), id: row.id, updatedAt: row.updatedAt, usedBy: row.routes.map((r) => r.name) };
}

function parse(input: unknown): TAuthPolicy {
  const parsed = ZAuthPolicy.safeParse(input);
  if (!parsed.success) throw new ConfigValidationError(toFieldErrors(parsed.error));
  return parsed.data;
}

async function checkName(tx: Tx, name: string, selfId: string | null) {
  const same = await tx.authPolicy.findUnique({ where: { name }, select: { id: true } });
  if (same && same.id !== selfId) throw nameTaken(WHAT, name);
}

export async function listAuthPolicies(db: Db): Promise<TAuthPolicyRecord[]> {
  const rows = await db.authPolicy.findMany({ include, orderBy: { name: "asc" } });
  return rows.map(dto);
}

export async function getAuthPolicy(db: Db, id: string): Promise<TAuthPolicyRecord> {
  const row = await db.authPolicy.findUnique({ where: { id }, include });
  if (!row) throw new NotFoundError(`auth policy ${id} does not exist`);
  return dto(row);
}

export async function createAuthPolicy(db: Db, input: unknown, ctx: ChangeContext): Promise<TAuthPolicyRecord> {
  const policy = parse(input);
  try {
    return await db.$transaction(async (tx) => {
      await checkName(tx, policy.name, null);
      const row = await tx.authPolicy.create({ data: { id: newId("authPolicy"), name: policy.name, ...authPolicyToRow(policy) }, include });
      const after = dto(row);
      await writeAudit(tx, { ...ctx, action: "authPolicy.create", entityType: "auth_policy", entityId: row.id, after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(WHAT, policy.name);
    throw error;
  }
}

export async function updateAuthPolicy(db: Db, id: string, input: unknown, ctx: ChangeContext): Promise<TAuthPolicyRecord> {
  const policy = parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const existing = await findRow(tx, id);
      if (!existing) throw new NotFoundError(`auth policy ${id} does not exist`);
      await checkName(tx, policy.name, id);
      const row = await tx.authPolicy.update({ where: { id }, data: { name: policy.name, ...authPolicyToRow(policy) }, include });
      const after = dto(row);
      await writeAudit(tx, { ...ctx, action: "authPolicy.update", entityType: "auth_policy", entityId: id, before: dto(existing), after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(WHAT, policy.name);
    throw error;
  }
}

export async function deleteAuthPolicy(db: Db, id: string, ctx: ChangeContext): Promise<void> {
  let name = id;
  try {
    await db.$transaction(async (tx) => {
      const existing = await findRow(tx, id);
      if (!existing) throw new NotFoundError(`auth policy ${id} does not exist`);
      name = existing.name;
      if (existing.routes.length) throw policyInUse(WHAT, existing.name, existing.routes.map((r) => r.name));
      await tx.authPolicy.delete({ where: { id } });
      await writeAudit(tx, { ...ctx, action: "authPolicy.delete", entityType: "auth_policy", entityId: id, before: dto(existing) });
    });
  } catch (error) {
    // A route took the policy between the check and the delete: the foreign key refused it.
    if (isForeignKeyViolation(error)) throw policyInUse(WHAT, name, []);
    throw error;
  }
}
