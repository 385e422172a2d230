// /registry/instances on the admin port: upstream instances register (POST), heartbeat within
// their TTL (PUT) and deregister (DELETE), with Authorization: Bearer <GATEWAY_REGISTRATION_TOKEN>.
// Bodies are JSON: POST {service, url, weight?, metadata?, ttlSeconds?}; PUT and DELETE
// {service, instanceId}. This gateway routes a change at once; the others within their discovery
// refresh.
import type { IncomingMessage, ServerResponse } from "node:http";
import { toFieldErrors } from "@tta/domain";
import type { Logger } from "pino";
import type { z } from "zod";
import type { ServiceRegistry } from "../stores/registry/interface.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { BodyError, readJson } from "./read-json.ts";
import type { RegistrationToken } from "./registration-token.ts";
import { ZInstanceRef, ZRegistration } from "./registration-schemas.ts";
import { refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

export interface RegistrationDeps {
  registry: ServiceRegistry;
  token: RegistrationToken;
  /** Re-reads the registry for a service (this gateway's cache). */
  refresh(service: string): Promise<void>;
  /** Whether this gateway's config has the service (an unknown one is accepted, not routed). */
  knowsService(service: string): boolean;
  log: Logger;
}

async function parse<S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, correlationId: string, schema: S): Promise<z.output<S> | null> {
  let raw: unknown;
  try {
    raw = await readJson(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    res.shouldKeepAlive = false;
    refuse(res, "GW_REGISTRATION_INVALID", correlationId, error.message);
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  refuse(res, "GW_REGISTRATION_INVALID", correlationId, undefined, { fields: toFieldErrors(parsed.error) });
  return null;
}

export function registrationEndpoint(deps: RegistrationDeps): AdminEndpoint {
  const { registry, token } = deps;
  const log = deps.log.child({ component: "registration" });
  return {
    path: "/registry/instances",
    methods: ["POST", "PUT", "DELETE"],
    async handle(req, res, correlationId) {
      const refused = token.check(req);
      if (refused) {
        req.resume();
        if (refused === "GW_REGISTRATION_UNAUTHORIZED") res.setHeader("www-authenticate", 'Bearer realm="tta-gateway-registration"');
        return refuse(res, refused, correlationId);
      }
      try {
        if (req.method === "POST") {
          const input = await parse(req, res, correlationId, ZRegistration);
          if (!input) return;
          const { ttlSeconds, ...rest } = input;
          const registered = await registry.register({ ...rest, ttlMs: ttlSeconds * 1000 });
          await deps.refresh(registered.service);
          log.info({ service: registered.service, instanceId: registered.id, url: registered.url, correlationId }, "instance registered");
          return sendJson(res, 201, {
            instanceId: registered.id,
            service: registered.service,
            url: registered.url,
            weight: registered.weight,
            metadata: registered.metadata,
            ttlSeconds,
            heartbeatIntervalSeconds: Math.max(1, Math.floor(ttlSeconds / 3)),
            routed: deps.knowsService(registered.service),
          });
        }
        const ref = await parse(req, res, correlationId, ZInstanceRef);
        if (!ref) return;
        if (req.method === "PUT") {
          if (!(await registry.heartbeat(ref.service, ref.instanceId))) return refuse(res, "GW_INSTANCE_NOT_FOUND", correlationId);
          return sendJson(res, 200, { instanceId: ref.instanceId, service: ref.service, status: "alive" });
        }
        if (!(await registry.deregister(ref.service, ref.instanceId))) return refuse(res, "GW_INSTANCE_NOT_FOUND", correlationId);
        await deps.refresh(ref.service);
        log.info({ service: ref.service, instanceId: ref.instanceId, correlationId }, "instance deregistered");
        return sendJson(res, 200, { instanceId: ref.instanceId, service: ref.service, status: "deregistered" });
      } catch (error) {
        if (res.headersSent) throw error;
        log.warn({ err: error, correlationId }, "service registry unreachable for a registration call");
        return refuse(res, "GW_REGISTRY_UNAVAILABLE", correlationId);
      }
    },
  };
}
