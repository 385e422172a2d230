// The demo configuration of a fresh install: the six TTA services (served by apps/demo-upstreams),
// a route each, a default rate-limit policy, and the first admin. Safe to run again: it only
// fills what is empty.
import { newId, ZSnapshot, type TSnapshot } from "@tta/domain";
import type { Db } from "../client.ts";
import { SYSTEM_ACTOR } from "../audit.ts";
import { hashPassword } from "../password.ts";
import { publish } from "../config/publish.ts";
import { restoreWorkingTables } from "../config/restore.ts";

export const DEMO_SERVICES = ["auth", "players", "sessions", "agents", "chat", "narrative"] as const;
export type DemoService = (typeof DEMO_SERVICES)[number];

export interface SeedOptions {
  /** Base URL of each demo service, e.g. { auth: "http://127.0.0.1:4101" }. */
  upstreams: Record<DemoService, string>;
  admin: { email: string; name: string; password: string };
}

export function demoSnapshot(upstreams: Record<DemoService, string>): TSnapshot {
  const therapeutic = new Set<DemoService>(["sessions", "agents", "chat", "narrative"]);
  return ZSnapshot.parse({
    schemaVersion: 1,
    services: DEMO_SERVICES.map((name) => ({
      name,
      environment: "dev",
      version: "1.0.0",
      therapeuticPriority: therapeutic.has(name) ? "therapeutic" : "standard",
      healthCheckPath: "/health",
      dependencies: name === "auth" ? [] : ["auth"],
      loadBalancing: "round_robin",
      instances: [{ url: upstreams[name], weight: 1 }],
    })),
    rateLimitPolicies: [{ name: "default", scope: "user", limit: 100, windowSeconds: 60, burst: 20 }],
    routes: DEMO_SERVICES.map((name) => ({
      id: newId("route"),
      name: `${name}-api`,
      path: `/api/${name}/*`,
      rewrite: `/${name}/*`,
      service: name,
      timeoutMs: 10_000,
      rateLimitPolicy: "default",
      websocket: name === "chat" || name === "narrative",
      safetyScan: therapeutic.has(name) ? "monitor" : "off",
    })),
  });
}

export interface SeedResult {
  adminCreated: boolean;
  configPublished: boolean;
}

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedResult> {
  const result: SeedResult = { adminCreated: false, configPublished: false };
  if ((await db.user.count()) === 0) {
    await db.user.create({
      data: {
        id: newId("user"),
        email: options.admin.email.toLowerCase(),
        name: options.admin.name,
        roles: ["admin"],
        passwordHash: await hashPassword(options.admin.password),
      },
    });
    result.adminCreated = true;
  }
  if ((await db.configRevision.count()) === 0) {
    await db.$transaction((tx) => restoreWorkingTables(tx, demoSnapshot(options.upstreams)));
    await publish(db, { actor: SYSTEM_ACTOR, message: "Seed the demo configuration", correlationId: newId("request") });
    result.configPublished = true;
  }
  return result;
}
