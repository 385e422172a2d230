// Where the end-to-end stack runs. The database name is chosen once per run (the config is read
// again in each worker, which inherits the environment).
process.env.TTA_E2E_DB ??= `tta_e2e_${Date.now().toString(36)}`;

const server = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const databaseUrl = new URL(server);
databaseUrl.pathname = `/${process.env.TTA_E2E_DB}`;
const port = (base: number) => String(base + Number(process.env.TTA_E2E_PORT_OFFSET ?? 0));

export const E2E = {
  serverUrl: server.toString(),
  databaseName: process.env.TTA_E2E_DB,
  databaseUrl: databaseUrl.toString(),
  consoleUrl: `http://127.0.0.1:${port(13000)}`,
  gatewayUrl: `http://127.0.0.1:${port(18080)}`,
  adminUrl: `http://127.0.0.1:${port(18081)}`,
  /** apps/demo-upstreams' test hook (POST /control/<service>/down|up), on only in this stack. */
  demoControlUrl: `http://127.0.0.1:${port(14199)}`,
  admin: { email: "admin@tta.local", password: "e2e-only-admin-password" },
  get serverEnv(): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      TTA_ADMIN_EMAIL: this.admin.email,
      TTA_ADMIN_PASSWORD: this.admin.password,
      TTA_DATA_DIR: ".data/e2e",
      CONSOLE_PORT: port(13000),
      GATEWAY_PORT: port(18080),
      GATEWAY_ADMIN_PORT: port(18081),
      DEMO_UPSTREAM_BASE_PORT: port(14101),
      // The demo upstreams' test hook (e2e/operations.spec.ts takes a service down and back up).
      DEMO_TEST_HOOKS: "1",
      DEMO_CONTROL_PORT: port(14199),
      NEXT_TELEMETRY_DISABLED: "1",
    };
  },
};
