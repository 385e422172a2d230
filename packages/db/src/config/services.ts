// Service editing in the working tables: validated, cross-checked (unique name, unique instance
// URLs, known dependencies) and audited in the same transaction; a service that routes use cannot
// be deleted. Nothing here reaches a gateway until someone publishes.
import { newId, toFieldErrors, ZService, type FieldError, type TService, type TServiceRecord } from "@tta/domain";
import type { Db, Tx } from "../client.ts";
import { writeAudit } from "../audit.ts";
import { ConfigValidationError, NotFoundError } from "../errors.ts";
import { isForeignKeyViolation, isUniqueViolation, nameTaken } from "./policy-errors.ts";
import { partServices, renamePartService } from "./route-aggregate-rows.ts";
import type { ChangeContext } from "./routes.ts";
import { serviceInUse } from "./service-errors.ts";
import { serviceFromRow, serviceRowInclude as include, serviceToRow } from "./service-rows.ts";
import { dryRunFieldErrors } from "./dry-run.ts";

type ServiceRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(db: Db | Tx, id: string) {
  return db.service.findUnique({ where: { id }, include });
}

async function dependentsOf(db: Db | Tx, name: string): Promise<string[]> {
  const rows = await db.service.findMany({ where: { dependencies: { has: name } }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/** Aggregation routes (their parts name services in a JSON column, without a foreign key). */
function aggregateRoutes(db: Db | Tx) {
  return db.route.findMany({ where: { kind: "aggregate" }, select: { id: true, name: true, aggregate: true }, orderBy: { name: "asc" } });
}

/** Routes that send to the service, and aggregation routes with a part that calls it. */
function usedBy(row: ServiceRow, aggregates: Awaited<ReturnType<typeof aggregateRoutes>>): string[] {
  const names = row.routes.map((r) => r.name);
  for (const a of aggregates) if (!names.includes(a.name) && partServices(a.aggregate).includes(row.name)) names.push(a.name);
  return names;
}

async function dto(db: Db | Tx, row: ServiceRow): Promise<TServiceRecord> {
  return { ...ZService.parse(serviceFromRow(row)), id: row.id, updatedAt: row.updatedAt, usedBy: usedBy(row, await aggregateRoutes(db)), dependents: await dependentsOf(db, row.name) };
}

export async function listServices(db: Db): Promise<TServiceRecord[]> {
  const rows = await db.service.findMany({ include, orderBy: { name: "asc" } });
  const aggregates = await aggregateRoutes(db);
  return rows.map((row) => ({
    ...ZService.parse(serviceFromRow(row)),
    id: row.id,
    updatedAt: row.updatedAt,
    usedBy: usedBy(row, aggregates),
    dependents: rows.filter((other) => other.dependencies.includes(row.name)).map((other) => other.name),
  }));
}

export async function getService(db: Db, id: string): Promise<TServiceRecord> {
  const row = await findRow(db, id);
  if (!row) throw new NotFoundError(`service ${id} does not exist`);
  return dto(db, row);
}

/** Validates a service and checks it against the others; throws field errors for all problems at once. */
async function resolve(tx: Tx, input: unknown, selfId: string | null): Promise<TService> {
  const parsed = ZService.safeParse(input);
  // The checks against the others run on what was sent even when the schema refuses part of it,
  // so a form learns everything (a taken name, a URL listed twice) in one round.
  const raw = (parsed.success ? parsed.data : (input ?? {})) as { name?: unknown; instances?: unknown; dependencies?: unknown };
  const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
  const fresh = (path: string) => !errors.some((e) => e.path === path);
  const name = typeof raw.name === "string" ? raw.name.trim() : "";
  const same = name ? await tx.service.findUnique({ where: { name }, select: { id: true } }) : null;
  if (same && same.id !== selfId && fresh("name")) errors.push(nameTaken("service", name).fields[0]!);
  const seen = new Set<string>();
  (Array.isArray(raw.instances) ? raw.instances : []).forEach((instance: unknown, i) => {
    const url = (instance as { url?: unknown } | null)?.url;
    if (typeof url !== "string" || !url.trim()) return;
    const key = url.trim().replace(/\/+$/, "");
    if (seen.has(key) && fresh(`instances.${i}.url`)) errors.push({ path: `instances.${i}.url`, message: "this URL is listed twice" });
    seen.add(key);
  });
  const dependencies = (Array.isArray(raw.dependencies) ? raw.dependencies : []).filter((d): d is string => typeof d === "string");
  const known = new Set((await tx.service.findMany({ where: { name: { in: dependencies } }, select: { name: true } })).map((s) => s.name));
  dependencies.forEach((dep, i) => {
    if (!fresh(`dependencies.${i}`)) return;
    if (dep === name) errors.push({ path: `dependencies.${i}`, message: "a service cannot depend on itself" });
    else if (!known.has(dep)) errors.push({ path: `dependencies.${i}`, message: `unknown service "${dep}"` });
  });
  if (errors.length || !parsed.success) throw new ConfigValidationError(errors);
  return parsed.data;
}

async function writeInstances(tx: Tx, serviceId: string, service: TService) {
  await tx.serviceInstance.deleteMany({ where: { serviceId } });
  await tx.serviceInstance.createMany({ data: service.instances.map((i) => ({ id: newId("instance"), serviceId, url: i.url, weight: i.weight })) });
}

/** A name taken by a concurrent writer is still a field error. */
async function write<T>(db: Db, name: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken("service", name);
    throw error;
  }
}

const nameOf = (input: unknown) => String((input as { name?: unknown } | null)?.name ?? "");

/** Every field error a save of this input would get, without saving (the form's dry run). */
export function checkService(db: Db, input: unknown, selfId: string | null): Promise<FieldError[]> {
  return dryRunFieldErrors(db, (tx) => resolve(tx, input, selfId));
}

export async function createService(db: Db, input: unknown, ctx: ChangeContext): Promise<TServiceRecord> {
  return write(db, nameOf(input), async (tx) => {
    const service = await resolve(tx, input, null);
    const id = newId("service");
    await tx.service.create({ data: { id, ...serviceToRow(service) } });
    await writeInstances(tx, id, service);
    const after = await dto(tx, (await findRow(tx, id))!);
    await writeAudit(tx, { ...ctx, action: "service.create", entityType: "service", entityId: id, after });
    return after;
  });
}

export async function updateService(db: Db, id: string, input: unknown, ctx: ChangeContext): Promise<TServiceRecord> {
  return write(db, nameOf(input), async (tx) => {
    const existing = await findRow(tx, id);
    if (!existing) throw new NotFoundError(`service ${id} does not exist`);
    const before = await dto(tx, existing);
    const service = await resolve(tx, input, id);
    await tx.service.update({ where: { id }, data: serviceToRow(service) });
    await writeInstances(tx, id, service);
    // Other services name their dependencies: a rename follows into their lists.
    if (existing.name !== service.name) {
      for (const other of await tx.service.findMany({ where: { dependencies: { has: existing.name } }, select: { id: true, dependencies: true } })) {
        await tx.service.update({ where: { id: other.id }, data: { dependencies: other.dependencies.map((d) => (d === existing.name ? service.name : d)) } });
      }
      // ...and into the parts of aggregation routes that call it (the route's own service follows by its key).
      for (const route of await aggregateRoutes(tx)) {
        if (partServices(route.aggregate).includes(existing.name)) await tx.route.update({ where: { id: route.id }, data: { aggregate: renamePartService(route.aggregate, existing.name, service.name) } });
      }
    }
    const after = await dto(tx, (await findRow(tx, id))!);
    await writeAudit(tx, { ...ctx, action: "service.update", entityType: "service", entityId: id, before, after });
    return after;
  });
}

export async function deleteService(db: Db, id: string, ctx: ChangeContext): Promise<void> {
  let name = id;
  try {
    await db.$transaction(async (tx) => {
      const existing = await findRow(tx, id);
      if (!existing) throw new NotFoundError(`service ${id} does not exist`);
      name = existing.name;
      const before = await dto(tx, existing);
      if (before.usedBy.length || before.dependents.length) throw serviceInUse(name, before.usedBy, before.dependents);
      await tx.service.delete({ where: { id } });
      await writeAudit(tx, { ...ctx, action: "service.delete", entityType: "service", entityId: id, before });
    });
  } catch (error) {
    // A route took the service between the check and the delete: the foreign key refused it.
    if (isForeignKeyViolation(error)) throw serviceInUse(name, [], []);
    throw error;
  }
}
