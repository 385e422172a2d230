// The one place a Prisma client is built. Password hashes are omitted from every query unless a
// caller asks for them by name (sign-in only).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface DbOptions {
  max?: number; // pool size (default 5)
  /** Give up on a new connection after this long (default: wait; a background writer sets it). */
  connectionTimeoutMs?: number;
  /** Postgres statement_timeout of every connection (default: none). */
  statementTimeoutMs?: number;
}

/**
 * Prisma's query interpreter loads an include's relations concurrently; inside a transaction they
 * all go to the one connection it holds, and pg deprecates overlapping queries on a client (its
 * hidden queue goes away in pg 9). This client runs its promise queries one after the other.
 */
export class SequentialClient extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query() has a dozen overloads
  override query(...args: any[]): any {
    const first = args[0] as { submit?: unknown } | undefined;
    // Callback and Submittable forms (pg-pool's own, cursors) keep pg's behaviour.
    if (typeof args.at(-1) === "function" || typeof first?.submit === "function") return (super.query as (...a: unknown[]) => unknown)(...args);
    const run = this.#tail.then(() => (super.query as (...a: unknown[]) => Promise<unknown>)(...args));
    this.#tail = run.catch(() => {});
    return run;
  }
}

export function createDb(connectionString: string, options: DbOptions = {}) {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 5,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    Client: SequentialClient,
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createDb>;
/** A transaction client of `Db`, as handed to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
