// The one place that reads process.env: parsed once, at start, with clear messages. During
// `next build` nothing connects anywhere, so missing run-time values are tolerated then.
import { z } from "zod";

const DEV_SECRET = "tta-console-development-secret-not-for-production";

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
    NEXTAUTH_SECRET: z.string().min(1).optional(),
    NEXTAUTH_URL: z.url().optional(),
    /** Where the gateway and its admin API answer (live views, later). */
    GATEWAY_URL: z.url().optional(),
    GATEWAY_ADMIN_URL: z.url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production (a long random string)" });
    }
  })
  .transform((env) => ({ ...env, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? DEV_SECRET }));

export type Env = z.infer<typeof ZEnv>;

function load(): Env {
  const parsed = ZEnv.safeParse(process.env);
  if (parsed.success) return parsed.data;
  if (process.env.NEXT_PHASE === "phase-production-build") {
    return { NODE_ENV: "production", DATABASE_URL: "postgresql://build-time-placeholder/none", DATABASE_POOL_MAX: 1, NEXTAUTH_SECRET: "build-time-placeholder" };
  }
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new Error(`The console's environment is not valid:\n${lines.join("\n")}`);
}

export const env: Env = load();
