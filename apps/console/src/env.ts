// The one place that reads process.env: parsed once, at start, with clear messages. During
// `next build` nothing connects anywhere, so missing run-time values are tolerated then.
import type { z } from "zod";
import { ZConsoleEnv } from "./env-schema.ts";

export type Env = z.infer<typeof ZConsoleEnv>;

function load(): Env {
  const parsed = ZConsoleEnv.safeParse(process.env);
  if (parsed.success) return parsed.data;
  if (process.env.NEXT_PHASE === "phase-production-build") {
    return {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://build-time-placeholder/none",
      DATABASE_POOL_MAX: 1,
      NEXTAUTH_SECRET: "build-time-placeholder",
      REDIS_KEY_PREFIX: "",
      GATEWAY_ADMIN_URLS: [],
      CONSOLE_TRUST_PROXY: false,
    };
  }
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new Error(`The console's environment is not valid:\n${lines.join("\n")}`);
}

export const env: Env = load();
