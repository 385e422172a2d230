// Reading revisions: the history list for the console and the newest valid one for a gateway.
import type { TRevisionPage, TRevisionPageInput } from "@tta/domain";
import { ZRevisionPageInput } from "@tta/domain";
import type { Db } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";

const summary = {
  id: true,
  number: true,
  message: true,
  checksum: true,
  rolledBackFrom: true,
  createdAt: true,
  author: { select: { name: true, email: true } },
} as const;

/** A page of the history for the console's table: searched, sorted, counted. */
export async function listRevisionPage(db: Db, input: TRevisionPageInput): Promise<TRevisionPage> {
  const { search, sort, dir, offset, limit } = ZRevisionPageInput.parse(input);
  const or: Prisma.ConfigRevisionWhereInput[] = [];
  if (search) {
    or.push({ message: { contains: search, mode: "insensitive" } });
    or.push({ author: { is: { OR: [{ name: { contains: search, mode: "insensitive" } }, { email: { contains: search, mode: "insensitive" } }] } } });
    const number = /^#?(\d{1,9})$/.exec(search);
    if (number) or.push({ number: Number(number[1]) });
  }
  const where: Prisma.ConfigRevisionWhereInput = or.length ? { OR: or } : {};
  // Ties (same message, same author) fall back on the number, newest first, so pages never overlap.
  const orderBy: Prisma.ConfigRevisionOrderByWithRelationInput[] =
    sort === "number" ? [{ number: dir }] : sort === "message" ? [{ message: dir }, { number: "desc" }] : [{ author: { name: dir } }, { number: "desc" }];
  const [items, total, live] = await db.$transaction([
    db.configRevision.findMany({ where, orderBy, skip: offset, take: limit, select: summary }),
    db.configRevision.count({ where }),
    db.configRevision.findFirst({ orderBy: { number: "desc" }, select: { number: true } }),
  ]);
  return { items, total, live: live?.number ?? null };
}

export async function getRevision(db: Db, number: number) {
  return db.configRevision.findUnique({ where: { number }, include: { author: { select: { name: true, email: true } } } });
}
