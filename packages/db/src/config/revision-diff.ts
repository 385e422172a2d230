// One revision for the console's history page: its summary and a readable diff against the newest
// revision before it (numbers can have gaps, so "before" is looked up, not computed).
import { diffSnapshots, toFieldErrors, ZSnapshot, type TRevisionDetail } from "@tta/domain";
import type { Db } from "../client.ts";
import { NotFoundError } from "../errors.ts";

const summary = {
  id: true,
  number: true,
  message: true,
  checksum: true,
  rolledBackFrom: true,
  createdAt: true,
  snapshot: true,
  author: { select: { name: true, email: true } },
} as const;

export async function getRevisionDetail(db: Db, number: number): Promise<TRevisionDetail> {
  const [revision, previous] = await Promise.all([
    db.configRevision.findUnique({ where: { number }, select: summary }),
    db.configRevision.findFirst({ where: { number: { lt: number } }, orderBy: { number: "desc" }, select: { number: true, snapshot: true } }),
  ]);
  if (!revision) throw new NotFoundError(`revision ${number} does not exist`);
  const { snapshot, ...rest } = revision;
  const current = ZSnapshot.safeParse(snapshot);
  const before = previous ? ZSnapshot.safeParse(previous.snapshot) : null;
  const counts = current.success
    ? {
        services: current.data.services.length,
        routes: current.data.routes.length,
        rateLimitPolicies: current.data.rateLimitPolicies.length,
        authPolicies: current.data.authPolicies.length,
      }
    : { services: 0, routes: 0, rateLimitPolicies: 0, authPolicies: 0 };
  const problems = [
    ...(current.success ? [] : toFieldErrors(current.error)),
    ...(before && !before.success ? toFieldErrors(before.error).map((e) => ({ ...e, path: `previous.${e.path}` })) : []),
  ];
  const diff = current.success && (!before || before.success) ? diffSnapshots(before?.data ?? null, current.data) : [];
  return { revision: rest, previousNumber: previous?.number ?? null, counts, diff, problems };
}
