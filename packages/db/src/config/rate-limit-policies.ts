// Rate-limit policies in the working tables: validated, unique names, audited in the same
// transaction; a policy a route uses cannot be deleted. Nothing reaches a gateway until a publish.
import { newId, toFieldErrors, ZRateLimitPolicy, type TRateLimitPolicy, type TRateLimitPolicyRecord } from "@tta/domain";
import type { Db, Tx } from "../client.ts";
import { writeAudit } from "../audit.ts";
import { ConfigValidationError, NotFoundError } from "../errors.ts";
import { isForeignKeyViolation, isUniqueViolation, nameTaken, policyInUse } from "./policy-errors.ts";
import { rateLimitPolicyFromRow, rateLimitPolicyToRow } from "./policy-rows.ts";
import type { ChangeContext } from "./routes.ts";

const WHAT = "rate-limit policy";
const include = { routes: { select: { name: true }, orderBy: { name: "asc" } } } as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(tx: Tx, id: string) {
  return tx.rateLimitPolicy.findUnique({ where: { id }, include });
}

function dto(row: Row): TRateLimitPolicyRecord {
  return { ...ZRateLimitPolicy.parse(rateLimitPolicyFromRow(row)), id: row.id, updatedAt: row.updatedAt, usedBy: row.routes.map((r) => r.name) };
}

function parse(input: unknown): TRateLimitPolicy {
  const parsed = ZRateLimitPolicy.safeParse(input);
  if (!parsed.success) throw new ConfigValidationError(toFieldErrors(parsed.error));
  return parsed.data;
}

async function checkName(tx: Tx, name: string, selfId: string | null) {
  const same = await tx.rateLimitPolicy.findUnique({ where: { name }, select: { id: true } });
  if (same && same.id !== selfId) throw nameTaken(WHAT, name);
}

export async function listRateLimitPolicies(db: Db): Promise<TRateLimitPolicyRecord[]> {
  const rows = await db.rateLimitPolicy.findMany({ include, orderBy: { name: "asc" } });
  return rows.map(dto);
}

export async function getRateLimitPolicy(db: Db, id: string): Promise<TRateLimitPolicyRecord> {
  const row = await db.rateLimitPolicy.findUnique({ where: { id }, include });
  if (!row) throw new NotFoundError(`rate-limit policy ${id} does not exist`);
  return dto(row);
}

export async function createRateLimitPolicy(db: Db, input: unknown, ctx: ChangeContext): Promise<TRateLimitPolicyRecord> {
  const policy = parse(input);
  try {
    return await db.$transaction(async (tx) => {
      await checkName(tx, policy.name, null);
      const row = await tx.rateLimitPolicy.create({ data: { id: newId("rateLimitPolicy"), name: policy.name, ...rateLimitPolicyToRow(policy) }, include });
      const after = dto(row);
      await writeAudit(tx, { ...ctx, action: "rateLimitPolicy.create", entityType: "rate_limit_policy", entityId: row.id, after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(WHAT, policy.name);
    throw error;
  }
}

export async function updateRateLimitPolicy(db: Db, id: string, input: unknown, ctx: ChangeContext): Promise<TRateLimitPolicyRecord> {
  const policy = parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const existing = await findRow(tx, id);
      if (!existing) throw new NotFoundError(`rate-limit policy ${id} does not exist`);
      await checkName(tx, policy.name, id);
      const row = await tx.rateLimitPolicy.update({ where: { id }, data: { name: policy.name, ...rateLimitPolicyToRow(policy) }, include });
      const after = dto(row);
      await writeAudit(tx, { ...ctx, action: "rateLimitPolicy.update", entityType: "rate_limit_policy", entityId: id, before: dto(existing), after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(WHAT, policy.name);
    throw error;
  }
}

export async function deleteRateLimitPolicy(db: Db, id: string, ctx: ChangeContext): Promise<void> {
  let name = id;
  try {
    await db.$transaction(async (tx) => {
      const existing = await findRow(tx, id);
      if (!existing) throw new NotFoundError(`rate-limit policy ${id} does not exist`);
      name = existing.name;
      if (existing.routes.length) throw policyInUse(WHAT, existing.name, existing.routes.map((r) => r.name));
      await tx.rateLimitPolicy.delete({ where: { id } });
      await writeAudit(tx, { ...ctx, action: "rateLimitPolicy.delete", entityType: "rate_limit_policy", entityId: id, before: dto(existing) });
    });
  } catch (error) {
    // A route took the policy between the check and the delete: the foreign key refused it.
    if (isForeignKeyViolation(error)) throw policyInUse(WHAT, name, []);
    throw error;
  }
}
