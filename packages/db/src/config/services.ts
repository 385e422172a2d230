// Services as the console lists them (e.g. the service select of the route form).
import type { TServiceSummary } from "@tta/domain";
import type { Db } from "../client.ts";

export async function listServices(db: Db): Promise<TServiceSummary[]> {
  const rows = await db.service.findMany({
    orderBy: { name: "asc" },
    select: { name: true, environment: true, therapeuticPriority: true, _count: { select: { instances: true } } },
  });
  return rows.map((s) => ({ name: s.name, environment: s.environment, therapeuticPriority: s.therapeuticPriority, instances: s._count.instances }));
}
