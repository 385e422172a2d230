// The demo configuration of a fresh install: the six TTA services (served by apps/demo-upstreams),
// a route each (sign-in public, the others behind the demo auth service's tokens), WebSocket routes
// for chat and narrative, a default rate-limit policy and a strict one for token refresh, and the
// first admin. Safe to run again: it only fills what is empty.
import { newId, ZSnapshot, type TSnapshot } from "@tta/domain";
import type { Db } from "../client.ts";
import { SYSTEM_ACTOR } from "../audit.ts";
import { hashPassword } from "../password.ts";
import { publish } from "../config/publish.ts";
import { restoreWorkingTables } from "../config/restore.ts";

export const DEMO_SERVICES = ["auth", "players", "sessions", "agents", "chat", "narrative"] as const;
export type DemoService = (typeof DEMO_SERVICES)[number];

/**
 * The demo auth service's tokens (apps/demo-upstreams signs them, ES256, and serves its JWKS at
 * /.well-known/jwks.json); the seeded auth policy verifies them.
 */
export const DEMO_AUTH = { issuer: "https://auth.tta.local/demo", audience: "tta-gateway", jwksPath: "/.well-known/jwks.json" } as const;

/** Who may call each demo route: /api/auth/* stays public (sign-in, refresh); agents are for clinicians. */
const DEMO_ROUTE_AUTH: Record<DemoService, { auth: "public" | "authenticated" | "restricted"; requiredRoles?: string[] }> = {
  auth: { auth: "public" },
  players: { auth: "authenticated" },
  sessions: { auth: "authenticated" },
  agents: { auth: "restricted", requiredRoles: ["clinician", "admin"] },
  chat: { auth: "authenticated" },
  narrative: { auth: "authenticated" },
};

/** What a crisis message on the chat routes (HTTP and WebSocket) gets: the gateway's acknowledgement. */
const CHAT_CRISIS_RESPONSE = "acknowledge";

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
    rateLimitPolicies: [
      { name: "default", scope: "user", limit: 100, windowSeconds: 60, burst: 20 },
      // Refresh tokens are credentials: few tries per client address, and no guessing while Redis is away.
      { name: "token-refresh", scope: "ip", limit: 10, windowSeconds: 60, burst: 0, failMode: "closed", crisisBypass: false },
    ],
    authPolicies: [
      { name: "demo-auth", issuer: DEMO_AUTH.issuer, audiences: [DEMO_AUTH.audience], algorithms: ["ES256"], jwksUrl: `${upstreams.auth}${DEMO_AUTH.jwksPath}` },
    ],
    routes: [
      {
        id: newId("route"),
        name: "auth-refresh",
        methods: ["POST"],
        path: "/api/auth/refresh",
        rewrite: "/auth/refresh",
        service: "auth",
        timeoutMs: 10_000,
        rateLimitPolicy: "token-refresh",
        maxBodyBytes: 4_096,
        bodyValidation: "json",
      },
      ...DEMO_SERVICES.map((name) => ({
        id: newId("route"),
        name: `${name}-api`,
        path: `/api/${name}/*`,
        rewrite: `/${name}/*`,
        service: name,
        timeoutMs: 10_000,
        rateLimitPolicy: "default",
        ...DEMO_ROUTE_AUTH[name],
        authPolicy: "demo-auth", // public routes too: a signed-in user is known to the upstream and the limiter
        websocket: name === "chat" || name === "narrative",
        safetyScan: therapeutic.has(name) ? "monitor" : "off",
        ...(name === "chat" ? { crisisResponse: CHAT_CRISIS_RESPONSE } : {}),
        // The story's chapters are the same for everyone and say so (public, max-age): cached, per user as the route is authenticated.
        ...(name === "narrative" ? { cachePolicy: { enabled: true } } : {}),
      })),
      // Real-time sessions (apps/gateway/src/websocket/PROTOCOL.md); on chat a crisis message gets crisis resources.
      ...(["chat", "narrative"] as const).map((name) => ({
        id: newId("route"),
        name: `${name}-ws`,
        path: `/ws/${name}`,
        service: name,
        timeoutMs: 10_000,
        rateLimitPolicy: "default",
        ...DEMO_ROUTE_AUTH[name],
        authPolicy: "demo-auth",
        websocket: true,
        safetyScan: name === "chat" ? "enforce" : "monitor",
        ...(name === "chat" ? { crisisResponse: CHAT_CRISIS_RESPONSE } : {}),
      })),
    ],
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
