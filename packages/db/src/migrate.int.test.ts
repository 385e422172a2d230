import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, mkdir, readdir, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import pg from "pg";
import { migrate, MigrationError } from "./migrate.ts";
import { createTestDatabase, MIGRATIONS_DIR, type TestDatabase } from "./testing.ts";

const root = resolve(import.meta.dirname, "../../..");
const dbs: TestDatabase[] = [];
after(async () => Promise.all(dbs.map((d) => d.drop())));

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("migrate", () => {
  it("applies every migration once and Prisma agrees the database is up to date", async () => {
    const t = await createTestDatabase("mig");
    dbs.push(t);
    const again = await migrate(t.url, MIGRATIONS_DIR);
    const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.deepEqual(again, { applied: [], alreadyApplied: names.length });
    const rows = await query(t.url, `select migration_name, applied_steps_count, finished_at from _prisma_migrations order by migration_name`);
    assert.deepEqual(rows.map((r) => [r.migration_name, r.applied_steps_count, r.finished_at !== null]), names.map((n) => [n, 1, true]));

    const status = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "status"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: t.url },
    });
    assert.equal(status.status, 0, status.stdout + status.stderr);
    assert.match(status.stdout, /Database schema is up to date/);
  });

  it("refuses a migration that was edited after it was applied, and records a failed one", async () => {
    const t = await createTestDatabase("mig");
    dbs.push(t);
    const dir = await mkdtemp(join(tmpdir(), "tta-mig-"));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const first = (await readdir(dir, { withFileTypes: true })).find((d) => d.isDirectory())!.name;
    await writeFile(join(dir, first, "migration.sql"), "-- edited\nselect 1;");
    await assert.rejects(migrate(t.url, dir), (e: unknown) => e instanceof MigrationError && /changed after it was applied/.test((e as Error).message));

    const broken = join(dir, "99999999999999_broken");
    await cp(join(MIGRATIONS_DIR, first), join(dir, first), { recursive: true }); // restore
    await mkdir(broken);
    await writeFile(join(broken, "migration.sql"), "create table ok_then (id int); select * from no_such_table;");
    await assert.rejects(migrate(t.url, dir), /no_such_table/);
    // The whole file ran as one transaction: nothing of it stayed.
    assert.deepEqual(await query(t.url, `select to_regclass('ok_then') as t`), [{ t: null }]);
    await assert.rejects(migrate(t.url, dir), /failed earlier/);
  });
});
