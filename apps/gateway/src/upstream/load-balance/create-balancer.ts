// The strategy a service's `loadBalancing` names; one instance per service pool.
import type { TLoadBalancing } from "@tta/domain";
import type { Balancer } from "./balancer.ts";
import { healthBased } from "./health-based.ts";
import { leastConnections } from "./least-connections.ts";
import { roundRobin } from "./round-robin.ts";
import { smoothWeightedRoundRobin } from "./smooth-weighted.ts";
import { therapeuticPriority } from "./therapeutic-priority.ts";

export function createBalancer(kind: TLoadBalancing, random: () => number = Math.random): Balancer {
  switch (kind) {
    case "round_robin":
      return roundRobin();
    case "weighted_round_robin":
      return smoothWeightedRoundRobin();
    case "least_connections":
      return leastConnections();
    case "health_based":
      return healthBased(random);
    case "therapeutic_priority":
      return therapeuticPriority(random);
  }
}
