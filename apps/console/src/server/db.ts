// The console's one Prisma client. Kept on globalThis so that dev-mode reloads reuse it instead of
// opening a new pool each time a module is re-evaluated.
import { createDb, type Db } from "@tta/db";
import { env } from "../env.ts";

const holder = globalThis as typeof globalThis & { __ttaConsoleDb?: Db };

export function getDb(): Db {
  holder.__ttaConsoleDb ??= createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
  return holder.__ttaConsoleDb;
}
