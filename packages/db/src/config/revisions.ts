// Reading revisions: the history list for the console and the newest valid one for a gateway.
import type { Db } from "../client.ts";

export async function listRevisions(db: Db, take = 50) {
  return db.configRevision.findMany({
    orderBy: { number: "desc" },
    take,
    select: {
      id: true,
      number: true,
      message: true,
      checksum: true,
      rolledBackFrom: true,
      createdAt: true,
      author: { select: { name: true, email: true } },
    },
  });
}

export async function getRevision(db: Db, number: number) {
  return db.configRevision.findUnique({ where: { number }, include: { author: { select: { name: true, email: true } } } });
}
