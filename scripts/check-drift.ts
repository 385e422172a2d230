// Fails when prisma/migrations and prisma/schema.prisma describe different databases: Prisma
// replays the migrations into a throw-away shadow database and diffs it against the schema.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import pg from "pg";

const root = resolve(import.meta.dirname, "..");
const server = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const name = `tta_shadow_${randomBytes(5).toString("hex")}`;
const shadow = new URL(server);
shadow.pathname = `/${name}`;

const admin = new pg.Client({ connectionString: server.toString() });
await admin.connect();
await admin.query(`create database "${name}"`);
let status = 1;
try {
  const result = spawnSync(
    process.execPath,
    [join(root, "scripts/prisma.mjs"), "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"],
    { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: shadow.toString(), SHADOW_DATABASE_URL: shadow.toString() } },
  );
  status = result.status ?? 1;
  if (status === 0) console.log("migrations and schema agree");
  else if (status === 2) console.error(`DRIFT: prisma/migrations does not match prisma/schema.prisma. Create a migration.\n${result.stdout}`);
  else console.error(`the drift check could not run:\n${result.stdout}\n${result.stderr}`);
} finally {
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
process.exit(status === 0 ? 0 : 1);
