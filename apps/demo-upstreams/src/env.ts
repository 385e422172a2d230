// The demo upstreams' environment, read once by main.ts.
import { hostname } from "node:os";

export interface DemoRegistrationEnv {
  /** A gateway's admin base URL (DEMO_REGISTER_ADMIN_URL); one gateway is enough, they share the registry. */
  adminUrl: string;
  /** GATEWAY_REGISTRATION_TOKEN. */
  token: string;
  /** The host name in the URLs registered: how the gateways reach these services. */
  host: string;
  ttlSeconds: number;
}

export interface DemoEnv {
  host: string;
  basePort: number;
  /** The test hook's port, or null when DEMO_TEST_HOOKS is not "1". */
  controlPort: number | null;
  /** Self-registration with a gateway (cluster mode), or null when DEMO_REGISTER_ADMIN_URL is unset. */
  registration: DemoRegistrationEnv | null;
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0-65535)`);
  return n;
}

const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);

function registration(env: Record<string, string | undefined>, bindHost: string, machine: string): DemoRegistrationEnv | null {
  const adminUrl = env.DEMO_REGISTER_ADMIN_URL ?? "";
  if (adminUrl === "") return null;
  let parsed: URL;
  try {
    parsed = new URL(adminUrl);
  } catch {
    throw new Error("DEMO_REGISTER_ADMIN_URL must be a URL, e.g. http://gateway-1:8081");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("DEMO_REGISTER_ADMIN_URL must be an http(s) URL");
  const token = env.GATEWAY_REGISTRATION_TOKEN ?? "";
  if (token === "") throw new Error("DEMO_REGISTER_ADMIN_URL is set but GATEWAY_REGISTRATION_TOKEN is not: registration needs the gateway's token");
  const ttl = env.DEMO_REGISTER_TTL_SECONDS ?? "";
  const ttlSeconds = ttl === "" ? 30 : Number(ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 3 || ttlSeconds > 300) throw new Error("DEMO_REGISTER_TTL_SECONDS must be a whole number of seconds (3-300)");
  // Bound to every interface, the services are reached by this machine's (container's) name.
  const host = env.DEMO_REGISTER_HOST || (WILDCARD.has(bindHost) ? machine : bindHost);
  return { adminUrl: parsed.origin, token, host, ttlSeconds };
}

export function parseDemoEnv(env: Record<string, string | undefined>, machine: string = hostname()): DemoEnv {
  const basePort = port("DEMO_UPSTREAM_BASE_PORT", env.DEMO_UPSTREAM_BASE_PORT, 4101);
  const hooks = env.DEMO_TEST_HOOKS === "1";
  const host = env.DEMO_UPSTREAM_BIND ?? "127.0.0.1";
  return {
    host,
    basePort,
    // Default: just past the six services' ports, with room to spare.
    controlPort: hooks ? port("DEMO_CONTROL_PORT", env.DEMO_CONTROL_PORT, basePort + 99) : null,
    registration: registration(env, host, machine),
  };
}
