// Applies prisma/migrations at run time without Prisma's native engine, keeping Prisma's own
// `_prisma_migrations` bookkeeping exactly, so `prisma migrate status` agrees with what ran here.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";

const PRISMA_MIGRATE_LOCK = 72707369;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) return;
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`create database "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // Two starters racing to create the same database: the loser sees 42P04 and carries on.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await admin.end();
  }
}

export async function migrate(connectionString: string, migrationsDir: string, opts: { createDatabase?: boolean } = {}): Promise<MigrateResult> {
  if (opts.createDatabase !== false) await ensureDatabase(connectionString);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(`create table if not exists "_prisma_migrations" (
      "id" varchar(36) primary key not null,
      "checksum" varchar(64) not null,
      "finished_at" timestamptz,
      "migration_name" varchar(255) not null,
      "logs" text,
      "rolled_back_at" timestamptz,
      "started_at" timestamptz not null default now(),
      "applied_steps_count" integer not null default 0)`);
    const rows = (await client.query(
      `select migration_name, checksum, finished_at, rolled_back_at from "_prisma_migrations"`,
    )).rows as { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[];
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) throw new MigrationError(`migration ${failed.migration_name} failed earlier; resolve it before migrating again`);

    const names = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const applied: string[] = [];
    let alreadyApplied = 0;
    for (const name of names) {
      const sql = await readFile(join(migrationsDir, name, "migration.sql"));
      const checksum = createHash("sha256").update(sql).digest("hex");
      const done = rows.find((r) => r.migration_name === name && r.finished_at);
      if (done) {
        if (done.checksum !== checksum) throw new MigrationError(`migration ${name} was changed after it was applied`);
        alreadyApplied++;
        continue;
      }
      const id = randomUUID();
      await client.query(
        `insert into "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) values ($1, $2, $3, now(), 0)`,
        [id, checksum, name],
      );
      try {
        await client.query(sql.toString("utf8")); // one simple query: one implicit transaction
      } catch (error) {
        await client.query(`update "_prisma_migrations" set logs = $2 where id = $1`, [id, String((error as Error).message)]);
        throw new MigrationError(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      await client.query(`update "_prisma_migrations" set finished_at = now(), applied_steps_count = 1 where id = $1`, [id]);
      applied.push(name);
    }
    return { applied, alreadyApplied };
  } finally {
    await client.query("select pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end();
  }
}
