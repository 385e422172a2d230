// The console's environment as a schema, without reading it: env.ts parses process.env with it,
// and the deploy-file tests (scripts/deploy) check the variables given to the console against it.
import { ZRedisClusterNodes } from "@tta/domain";
import { z } from "zod";

const DEV_SECRET = "tta-console-development-secret-not-for-production";

/** Unset and empty are the same: "not configured". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** "http://a:8081, http://b:8081" -> two URLs. */
const urlList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const urls = (value ?? "").split(",").map((u) => u.trim()).filter(Boolean);
    for (const url of urls) {
      if (!/^https?:\/\//.test(url) || !URL.canParse(url)) ctx.addIssue({ code: "custom", message: `"${url}" is not an http(s) URL` });
    }
    return urls.map((u) => u.replace(/\/+$/, ""));
  });

/** Every variable the console reads, one key each. */
export const ZConsoleEnvShape = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  NEXTAUTH_SECRET: z.string().min(1).optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Where the gateway and its admin API answer (live views, later). */
  GATEWAY_URL: z.url().optional(),
  GATEWAY_ADMIN_URL: z.url().optional(),
  /** Live views: Redis (cluster) when set, else each gateway's admin API (GATEWAY_ADMIN_URLS). */
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")),
  /** The gateways' Redis Cluster instead (seed nodes, as the gateways' REDIS_CLUSTER_NODES). */
  REDIS_CLUSTER_NODES: optional(ZRedisClusterNodes),
  REDIS_KEY_PREFIX: z.string().max(64).default(""),
  GATEWAY_ADMIN_URLS: urlList,
  GATEWAY_ADMIN_TOKEN: optional(z.string().min(16, "must be at least 16 characters (the gateways' GATEWAY_ADMIN_TOKEN)")),
  /** "1": the console is reached only through a TLS-terminating proxy whose X-Forwarded-Proto is believed (HSTS). */
  CONSOLE_TRUST_PROXY: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
});

/** The shape with the production rule and the defaults that depend on other variables. */
export const ZConsoleEnv = ZConsoleEnvShape.superRefine((env, ctx) => {
  if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) {
    ctx.addIssue({ code: "custom", path: ["REDIS_CLUSTER_NODES"], message: "set REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both" });
  }
  if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
    ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production (a long random string)" });
  }
}).transform((env) => ({
  ...env,
  NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? DEV_SECRET,
  // One gateway named the old way is a list of one.
  GATEWAY_ADMIN_URLS: env.GATEWAY_ADMIN_URLS.length > 0 ? env.GATEWAY_ADMIN_URLS : env.GATEWAY_ADMIN_URL ? [env.GATEWAY_ADMIN_URL.replace(/\/+$/, "")] : [],
}));
