// Cluster mode: each demo service registers its own URL under its service name with a gateway's
// registration API (through @tta/registration-client), heartbeats, and deregisters on shutdown,
// as a real TTA service would.
import { startRegistration, type Registration, type RegistrationLog } from "@tta/registration-client";
import type { DemoRegistrationEnv } from "./env.ts";
import type { DemoUpstream } from "./server.ts";

const log: RegistrationLog = {
  info: (m, f) => console.log(`demo registration: ${m} ${JSON.stringify(f ?? {})}`),
  warn: (m, f) => console.warn(`demo registration: ${m} ${JSON.stringify(f ?? {})}`),
  error: (m, f) => console.error(`demo registration: ${m} ${JSON.stringify(f ?? {})}`),
};

export function registerDemoServices(upstreams: DemoUpstream[], env: DemoRegistrationEnv, options: { log?: RegistrationLog } = {}): Registration[] {
  return upstreams.map((u) =>
    startRegistration({
      adminUrl: env.adminUrl,
      token: env.token,
      service: u.name,
      url: `http://${env.host.includes(":") ? `[${env.host}]` : env.host}:${u.port}`,
      ttlSeconds: env.ttlSeconds,
      metadata: { source: "demo-upstreams" },
      log: options.log ?? log,
    }),
  );
}
