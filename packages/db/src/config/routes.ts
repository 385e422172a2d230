// Route editing in the working tables: validated, cross-checked (service, policies, unique name) and
// audited in the same transaction. Nothing here reaches a gateway until someone publishes.
import { newId, toFieldErrors, ZRoute, type FieldError, type TRoute } from "@tta/domain";
import type { Db, Tx } from "../client.ts";
import { writeAudit, type Actor } from "../audit.ts";
import { ConfigValidationError, NotFoundError } from "../errors.ts";
import { partServices, routeAggregateToRow } from "./route-aggregate-rows.ts";
import { routeEdgeToRow } from "./route-edge-rows.ts";
import { routeFromRow, routeRowInclude } from "./route-rows.ts";
import { routeSafetyToRow } from "./route-safety-rows.ts";
import { routeCompressionToRow } from "./route-compression-rows.ts";
import { routeWebsocketToRow } from "./route-websocket-rows.ts";
import { dryRunFieldErrors } from "./dry-run.ts";

export interface ChangeContext {
  actor: Actor;
  correlationId: string;
}

export type RouteDto = TRoute & { id: string; updatedAt: Date };

const include = routeRowInclude;

type RouteRow = Awaited<ReturnType<typeof findRow>>;
function findRow(tx: Tx, id: string) {
  return tx.route.findUnique({ where: { id }, include });
}

function toDto(r: NonNullable<RouteRow>): TRoute {
  return ZRoute.parse(routeFromRow(r));
}

function dto(r: NonNullable<RouteRow>): RouteDto {
  return { ...toDto(r), id: r.id, updatedAt: r.updatedAt };
}

export async function listRoutes(db: Db): Promise<RouteDto[]> {
  const rows = await db.route.findMany({ include, orderBy: [{ priority: "desc" }, { name: "asc" }] });
  return rows.map(dto);
}

export async function getRoute(db: Db, id: string): Promise<RouteDto> {
  const row = await db.route.findUnique({ where: { id }, include });
  if (!row) throw new NotFoundError(`route ${id} does not exist`);
  return dto(row);
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/**
 * Validates and resolves the names a route refers to; throws field errors for all problems at once:
 * the schema's and the references' (unknown service, taken name) in one answer, so a form learns
 * everything that is wrong in one round.
 */
async function resolve(tx: Tx, input: unknown, selfId: string | null) {
  const parsed = ZRoute.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
  const raw = (parsed.success ? parsed.data : (input ?? {})) as Record<string, unknown>;
  const refs = { name: text(raw.name), service: text(raw.service), rateLimitPolicy: text(raw.rateLimitPolicy), authPolicy: text(raw.authPolicy) };
  const unchecked = (path: string) => !errors.some((e) => e.path === path);
  // One connection per transaction: queries run one after another (pg refuses to interleave them).
  const service = refs.service ? await tx.service.findUnique({ where: { name: refs.service }, select: { id: true } }) : null;
  const policy = refs.rateLimitPolicy
    ? await tx.rateLimitPolicy.findUnique({ where: { name: refs.rateLimitPolicy }, select: { id: true } })
    : null;
  const authPolicy = refs.authPolicy ? await tx.authPolicy.findUnique({ where: { name: refs.authPolicy }, select: { id: true } }) : null;
  const sameName = refs.name ? await tx.route.findUnique({ where: { name: refs.name }, select: { id: true } }) : null;
  if (!service && unchecked("service")) errors.push({ path: "service", message: refs.service ? `unknown service "${refs.service}"` : "choose the service this route sends requests to" });
  if (refs.rateLimitPolicy && !policy && unchecked("rateLimitPolicy")) errors.push({ path: "rateLimitPolicy", message: `unknown rate-limit policy "${refs.rateLimitPolicy}"` });
  if (refs.authPolicy && !authPolicy && unchecked("authPolicy")) errors.push({ path: "authPolicy", message: `unknown auth policy "${refs.authPolicy}"` });
  if (sameName && sameName.id !== selfId && unchecked("name")) errors.push({ path: "name", message: `a route named "${refs.name}" already exists` });
  // An aggregate route's parts name services too: each unknown one at its part's field.
  const partNames = partServices(raw.aggregate);
  if (partNames.length) {
    const known = new Set((await tx.service.findMany({ where: { name: { in: partNames } }, select: { name: true } })).map((s) => s.name));
    const parts = (raw.aggregate as { parts: Array<{ service?: unknown }> }).parts;
    parts.forEach((part, j) => {
      const path = `aggregate.parts.${j}.service`;
      if (typeof part?.service === "string" && !known.has(part.service) && unchecked(path)) errors.push({ path, message: `unknown service "${part.service}"` });
    });
  }
  if (errors.length || !parsed.success) throw new ConfigValidationError(errors);
  const route = parsed.data;
  const data = {
    name: route.name,
    methods: route.methods,
    host: route.host,
    path: route.path,
    rewrite: route.rewrite || null,
    serviceId: service!.id,
    timeoutMs: route.timeoutMs,
    retryPolicy: route.retryPolicy,
    auth: route.auth,
    requiredRoles: route.requiredRoles,
    requiredPermissions: route.requiredPermissions,
    authPolicyId: authPolicy?.id ?? null,
    rateLimitPolicyId: policy?.id ?? null,
    cachePolicy: route.cachePolicy ?? undefined,
    safetyScan: route.safetyScan,
    priority: route.priority,
    enabled: route.enabled,
    ...routeEdgeToRow(route),
    ...routeSafetyToRow(route),
    ...routeWebsocketToRow(route),
    ...routeAggregateToRow(route),
    ...routeCompressionToRow(route),
  };
  return data;
}

/** Every field error a save of this input would get, without saving (the form's dry run). */
export function checkRoute(db: Db, input: unknown, selfId: string | null): Promise<FieldError[]> {
  return dryRunFieldErrors(db, (tx) => resolve(tx, input, selfId));
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

export async function createRoute(db: Db, input: unknown, ctx: ChangeContext): Promise<RouteDto> {
  try {
    return await db.$transaction(async (tx) => {
      const data = await resolve(tx, input, null);
      const created = await tx.route.create({ data: { id: newId("route"), ...data }, include });
      const after = dto(created);
      await writeAudit(tx, { ...ctx, action: "route.create", entityType: "route", entityId: created.id, after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConfigValidationError([{ path: "name", message: "a route with this name already exists" }]);
    throw error;
  }
}

export async function updateRoute(db: Db, id: string, input: unknown, ctx: ChangeContext): Promise<RouteDto> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await findRow(tx, id);
      if (!existing) throw new NotFoundError(`route ${id} does not exist`);
      const data = await resolve(tx, input, id);
      const updated = await tx.route.update({ where: { id }, data, include });
      const after = dto(updated);
      await writeAudit(tx, { ...ctx, action: "route.update", entityType: "route", entityId: id, before: dto(existing), after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConfigValidationError([{ path: "name", message: "a route with this name already exists" }]);
    throw error;
  }
}

export async function setRouteEnabled(db: Db, id: string, enabled: boolean, ctx: ChangeContext): Promise<RouteDto> {
  return db.$transaction(async (tx) => {
    const existing = await findRow(tx, id);
    if (!existing) throw new NotFoundError(`route ${id} does not exist`);
    const updated = await tx.route.update({ where: { id }, data: { enabled }, include });
    await writeAudit(tx, {
      ...ctx,
      action: enabled ? "route.enable" : "route.disable",
      entityType: "route",
      entityId: id,
      before: { enabled: existing.enabled },
      after: { enabled },
    });
    return dto(updated);
  });
}

export async function deleteRoute(db: Db, id: string, ctx: ChangeContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await findRow(tx, id);
    if (!existing) throw new NotFoundError(`route ${id} does not exist`);
    await tx.route.delete({ where: { id } });
    await writeAudit(tx, { ...ctx, action: "route.delete", entityType: "route", entityId: id, before: dto(existing) });
  });
}
