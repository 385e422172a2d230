// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (creating the database if it is
// missing) with Prisma's bookkeeping; with --seed, also seeds the demo configuration when empty.
import { join, resolve } from "node:path";
import { migrate } from "@tta/db";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const root = resolve(import.meta.dirname, "..");
const result = await migrate(url, join(root, "prisma/migrations"));
console.log(result.applied.length ? `applied: ${result.applied.join(", ")}` : `up to date (${result.alreadyApplied} migrations)`);
if (process.argv.includes("--seed")) await import("../prisma/seed.ts");
