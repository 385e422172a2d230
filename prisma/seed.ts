// `prisma db seed` / `npm run db:seed`: seeds DATABASE_URL with the demo configuration.
// Demo upstream URLs default to the ports `npm start` uses; the admin password must be given
// (TTA_ADMIN_PASSWORD) or one is generated and printed once.
import { randomBytes } from "node:crypto";
import { createDb, DEMO_SERVICES, seedDemo, type DemoService } from "@tta/db";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const host = process.env.DEMO_UPSTREAM_HOST ?? "127.0.0.1";
const basePort = Number(process.env.DEMO_UPSTREAM_BASE_PORT ?? 4101);
const upstreams = Object.fromEntries(DEMO_SERVICES.map((name, i) => [name, `http://${host}:${basePort + i}`])) as Record<DemoService, string>;
const email = process.env.TTA_ADMIN_EMAIL ?? "admin@tta.local";
const password = process.env.TTA_ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");

const db = createDb(url);
try {
  const result = await seedDemo(db, { upstreams, admin: { email, name: "TTA Admin", password } });
  if (result.adminCreated) console.log(`Admin created: ${email} / ${password}`);
  console.log(result.configPublished ? "Demo configuration published." : "Configuration already present; left as it is.");
} finally {
  await db.$disconnect();
}
