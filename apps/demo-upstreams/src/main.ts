// Runs the six demo TTA services on consecutive ports (DEMO_UPSTREAM_BASE_PORT, default 4101).
import { DEMO_SERVICES } from "@tta/db";
import { startDemoUpstream } from "./server.ts";

const host = process.env.DEMO_UPSTREAM_BIND ?? "127.0.0.1";
const basePort = Number(process.env.DEMO_UPSTREAM_BASE_PORT ?? 4101);
const upstreams = await Promise.all(
  DEMO_SERVICES.map((name, i) => startDemoUpstream({ name, host, port: basePort + i, instance: `${name}-1` })),
);
for (const u of upstreams) console.log(`demo ${u.name.padEnd(9)} ${u.url}`);
const stop = () => void Promise.all(upstreams.map((u) => u.close())).then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
