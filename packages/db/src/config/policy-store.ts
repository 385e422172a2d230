// One editor for every kind of policy in the working tables: validated, unique names, audited in the
// same transaction; a policy a route uses cannot be deleted. Nothing reaches a gateway until a
// publish. Each kind (auth-policies.ts, rate-limit-policies.ts) only says which table and schema.
import { newId, toFieldErrors, type FieldError, type IdKind } from "@tta/domain";
import type { z } from "zod";
import type { Db, Tx } from "../client.ts";
import { writeAudit } from "../audit.ts";
import { ConfigValidationError, NotFoundError } from "../errors.ts";
import { isForeignKeyViolation, isUniqueViolation, nameTaken, policyInUse } from "./policy-errors.ts";
import type { ChangeContext } from "./routes.ts";
import { dryRunFieldErrors } from "./dry-run.ts";

const include = { routes: { select: { name: true }, orderBy: { name: "asc" } } } as const;
type Include = typeof include;
type WithRoutes<Row> = Row & { id: string; name: string; updatedAt: Date; routes: { name: string }[] };

/** The calls the store makes on a policy table (a Prisma delegate such as `tx.authPolicy`). */
export interface PolicyTable<Row, Columns> {
  findMany(args: { include: Include; orderBy: { name: "asc" } }): PromiseLike<WithRoutes<Row>[]>;
  findUnique(args: { where: { id: string }; include: Include }): PromiseLike<WithRoutes<Row> | null>;
  findFirst(args: { where: { name: string }; select: { id: true } }): PromiseLike<{ id: string } | null>;
  create(args: { data: Columns & { id: string; name: string }; include: Include }): PromiseLike<WithRoutes<Row>>;
  update(args: { where: { id: string }; data: Columns & { name: string }; include: Include }): PromiseLike<WithRoutes<Row>>;
  delete(args: { where: { id: string } }): PromiseLike<unknown>;
}

export interface PolicyKind<P extends { name: string }, Row, Columns> {
  /** In messages: "auth policy". */
  what: string;
  /** The id prefix and the audit action prefix: "authPolicy" -> "authPolicy.create". */
  kind: IdKind;
  /** The audit log's entity type: "auth_policy". */
  entityType: string;
  schema: z.ZodType<P>;
  table: (db: Db | Tx) => PolicyTable<Row, Columns>;
  fromRow: (row: Row) => unknown;
  /** Every column but id and name. */
  toRow: (policy: P) => Columns;
}

export interface PolicyStore<R> {
  list(db: Db): Promise<R[]>;
  get(db: Db, id: string): Promise<R>;
  create(db: Db, input: unknown, ctx: ChangeContext): Promise<R>;
  update(db: Db, id: string, input: unknown, ctx: ChangeContext): Promise<R>;
  remove(db: Db, id: string, ctx: ChangeContext): Promise<void>;
  /** Every field error a save of this input would get, without saving (the form's dry run). */
  check(db: Db, input: unknown, selfId: string | null): Promise<FieldError[]>;
}

export function policyStore<P extends { name: string }, Row, Columns>(k: PolicyKind<P, Row, Columns>): PolicyStore<P & { id: string; updatedAt: Date; usedBy: string[] }> {
  const dto = (row: WithRoutes<Row>) => ({ ...k.schema.parse(k.fromRow(row)), id: row.id, updatedAt: row.updatedAt, usedBy: row.routes.map((r) => r.name) });
  const missing = (id: string) => new NotFoundError(`${k.what} ${id} does not exist`);

  /** The schema's errors and a taken name in one refusal, so a form learns all of it in one round. */
  async function checked(tx: Tx, input: unknown, selfId: string | null): Promise<P> {
    const parsed = k.schema.safeParse(input);
    const errors = parsed.success ? [] : toFieldErrors(parsed.error);
    const name = parsed.success ? parsed.data.name : (input as { name?: unknown } | null)?.name;
    if (typeof name === "string" && name.trim() && !errors.some((e) => e.path === "name")) {
      const same = await k.table(tx).findFirst({ where: { name: name.trim() }, select: { id: true } });
      if (same && same.id !== selfId) errors.push(...nameTaken(k.what, name.trim()).fields);
    }
    if (errors.length || !parsed.success) throw new ConfigValidationError(errors);
    return parsed.data;
  }

  const nameOf = (input: unknown) => String((input as { name?: unknown } | null)?.name ?? "");

  /** Runs a create or an update; a name taken by a concurrent writer is still a field error. */
  async function write<T>(db: Db, name: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await db.$transaction(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(k.what, name);
      throw error;
    }
  }

  const audit = (tx: Tx, ctx: ChangeContext, verb: string, entityId: string, change: { before?: unknown; after?: unknown }) =>
    writeAudit(tx, { ...ctx, action: `${k.kind}.${verb}`, entityType: k.entityType, entityId, ...change });

  return {
    async list(db) {
      const rows = await k.table(db).findMany({ include, orderBy: { name: "asc" } });
      return rows.map(dto);
    },

    async get(db, id) {
      const row = await k.table(db).findUnique({ where: { id }, include });
      if (!row) throw missing(id);
      return dto(row);
    },

    async create(db, input, ctx) {
      return write(db, nameOf(input), async (tx) => {
        const policy = await checked(tx, input, null);
        const row = await k.table(tx).create({ data: { id: newId(k.kind), name: policy.name, ...k.toRow(policy) }, include });
        const after = dto(row);
        await audit(tx, ctx, "create", row.id, { after });
        return after;
      });
    },

    async update(db, id, input, ctx) {
      return write(db, nameOf(input), async (tx) => {
        const existing = await k.table(tx).findUnique({ where: { id }, include });
        if (!existing) throw missing(id);
        const policy = await checked(tx, input, id);
        const row = await k.table(tx).update({ where: { id }, data: { name: policy.name, ...k.toRow(policy) }, include });
        const after = dto(row);
        await audit(tx, ctx, "update", id, { before: dto(existing), after });
        return after;
      });
    },

    check: (db, input, selfId) => dryRunFieldErrors(db, (tx) => checked(tx, input, selfId)),

    async remove(db, id, ctx) {
      let name = id;
      try {
        await db.$transaction(async (tx) => {
          const existing = await k.table(tx).findUnique({ where: { id }, include });
          if (!existing) throw missing(id);
          name = existing.name;
          if (existing.routes.length) throw policyInUse(k.what, existing.name, existing.routes.map((r) => r.name));
          await k.table(tx).delete({ where: { id } });
          await audit(tx, ctx, "delete", id, { before: dto(existing) });
        });
      } catch (error) {
        // A route took the policy between the check and the delete: the foreign key refused it.
        if (isForeignKeyViolation(error)) throw policyInUse(k.what, name, []);
        throw error;
      }
    },
  };
}
