#!/usr/bin/env node
// Runs the Prisma CLI. On a machine without internet, Prisma cannot download its native schema
// engine; when PRISMA_SCHEMA_ENGINE_BINARY is unset and the workplace's offline shim sits beside
// the checkout (../shared/tools/prisma-offline), it is used. Elsewhere this is plain `prisma`.
//   node scripts/prisma.mjs generate            -> prisma generate
//   node scripts/prisma.mjs ensure-generated    -> generate only when the client is missing or stale
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shim = resolve(root, "../shared/tools/prisma-offline/schema-engine-shim.mjs");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(shim)) env.PRISMA_SCHEMA_ENGINE_BINARY = shim;

let args = process.argv.slice(2);
if (args[0] === "ensure-generated") {
  const client = join(root, "packages/db/src/generated/prisma/client.ts");
  const schema = join(root, "prisma/schema.prisma");
  if (existsSync(client) && statSync(client).mtimeMs >= statSync(schema).mtimeMs) process.exit(0);
  args = ["generate"];
}
const cli = join(root, "node_modules/prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
