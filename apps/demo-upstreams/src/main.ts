// Runs the six demo TTA services on consecutive ports (DEMO_UPSTREAM_BASE_PORT, default 4101), and
// with DEMO_TEST_HOOKS=1 the loopback control endpoint that takes them down and up (control.ts),
// and with DEMO_REGISTER_ADMIN_URL (cluster mode) registers each with the gateways (self-registration.ts).
import { DEMO_SERVICES } from "@tta/db";
import { startControlServer, type ControlServer } from "./control.ts";
import { parseDemoEnv } from "./env.ts";
import { registerDemoServices } from "./self-registration.ts";
import { startDemoUpstream } from "./server.ts";

// The safety net for stand-in services that hold no state worth dying for: a stray rejected promise
// is logged and the services keep answering. An uncaught exception still ends the process (its
// state is unknown); the standalone supervisor restarts it.
process.on("unhandledRejection", (reason) => console.error(`demo: unhandled rejection (kept running): ${reason instanceof Error ? reason.message : String(reason)}`));

const env = parseDemoEnv(process.env);
const upstreams = await Promise.all(
  DEMO_SERVICES.map((name, i) => startDemoUpstream({ name, host: env.host, port: env.basePort + i, instance: `${name}-1` })),
);
for (const u of upstreams) console.log(`demo ${u.name.padEnd(9)} ${u.url}`);
let control: ControlServer | null = null;
if (env.controlPort !== null) {
  control = await startControlServer({ upstreams, port: env.controlPort });
  console.log(`demo test hooks  ${control.url}/control (DEMO_TEST_HOOKS=1)`);
}
const registrations = env.registration ? registerDemoServices(upstreams, env.registration) : [];
if (env.registration) console.log(`demo registering with ${env.registration.adminUrl} as http://${env.registration.host}:<port>`);
// Deregister first (bounded), so the gateways stop routing here before the services close.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void Promise.allSettled(registrations.map((r) => r.stop()))
    .then(() => Promise.all([...upstreams.map((u) => u.close()), control?.close()]))
    .then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
// Started detached by the standalone supervisor with an IPC channel: its loss means the supervisor is gone.
process.once("disconnect", stop);
