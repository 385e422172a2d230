// `npm start`: the whole product on one machine with nothing but Node.js (standalone/start.ts).
// The Prisma client is generated first: start.ts imports @tta/db, whose generated client does not
// exist yet on a fresh clone, so it is imported only once generation has run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const gen = spawnSync(process.execPath, [join(import.meta.dirname, "prisma.mjs"), "ensure-generated"], { stdio: "inherit" });
if (gen.status !== 0) {
  console.error("Start failed: prisma generate failed");
  process.exit(1);
}
await import("./standalone/start.ts");
