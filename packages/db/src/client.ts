// The one place a Prisma client is built. Password hashes are omitted from every query unless a
// caller asks for them by name (sign-in only).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface DbOptions {
  max?: number; // pool size (default 5)
  /** Give up on a new connection after this long (default: wait; a background writer sets it). */
  connectionTimeoutMs?: number;
  /** Postgres statement_timeout of every connection (default: none). */
  statementTimeoutMs?: number;
}

export function createDb(connectionString: string, options: DbOptions = {}) {
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 5,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
  });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createDb>;
/** A transaction client of `Db`, as handed to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
