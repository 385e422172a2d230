// The demo upstreams' environment, read once by main.ts.
export interface DemoEnv {
  host: string;
  basePort: number;
  /** The test hook's port, or null when DEMO_TEST_HOOKS is not "1". */
  controlPort: number | null;
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0-65535)`);
  return n;
}

export function parseDemoEnv(env: Record<string, string | undefined>): DemoEnv {
  const basePort = port("DEMO_UPSTREAM_BASE_PORT", env.DEMO_UPSTREAM_BASE_PORT, 4101);
  const hooks = env.DEMO_TEST_HOOKS === "1";
  return {
    host: env.DEMO_UPSTREAM_BIND ?? "127.0.0.1",
    basePort,
    // Default: just past the six services' ports, with room to spare.
    controlPort: hooks ? port("DEMO_CONTROL_PORT", env.DEMO_CONTROL_PORT, basePort + 99) : null,
  };
}
