// A service's columns in the working tables and back: health-check, breaker and upstream TLS
// settings are JSON columns, static instances a child table.
import type { TService } from "@tta/domain";
import { Prisma } from "../generated/prisma/client.ts";

export const serviceRowInclude = {
  instances: { orderBy: { url: "asc" } },
  routes: { select: { name: true }, orderBy: { name: "asc" } },
} as const;

interface ServiceRow {
  name: string;
  environment: string;
  version: string;
  therapeuticPriority: string;
  healthCheckPath: string;
  dependencies: string[];
  loadBalancing: string;
  healthCheck: unknown;
  circuitBreaker: unknown;
  upstreamTls: unknown;
  instances: { url: string; weight: number }[];
}

/** Not yet validated: the caller parses it with ZService. */
export function serviceFromRow(s: ServiceRow): unknown {
  return {
    name: s.name,
    environment: s.environment,
    version: s.version,
    therapeuticPriority: s.therapeuticPriority,
    healthCheckPath: s.healthCheckPath,
    dependencies: s.dependencies,
    loadBalancing: s.loadBalancing,
    healthCheck: s.healthCheck ?? undefined,
    circuitBreaker: s.circuitBreaker ?? undefined,
    tls: s.upstreamTls ?? undefined,
    instances: s.instances.map((i) => ({ url: i.url, weight: i.weight })),
  };
}

/** Every column of the services table but id (instances are written separately). */
export function serviceToRow(s: TService) {
  return {
    name: s.name,
    environment: s.environment,
    version: s.version,
    therapeuticPriority: s.therapeuticPriority,
    healthCheckPath: s.healthCheckPath,
    dependencies: s.dependencies,
    loadBalancing: s.loadBalancing,
    healthCheck: s.healthCheck,
    circuitBreaker: s.circuitBreaker,
    upstreamTls: s.tls ?? Prisma.DbNull, // null clears it (undefined would keep an old value on update)
  };
}
