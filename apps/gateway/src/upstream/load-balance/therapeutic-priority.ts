// Therapeutic priority: random, in proportion to
//   weight x (score/100)^(2f) x (1 / (1 + active))^f
// with f = 1 for standard requests, 1.5 for therapeutic and 2 for crisis ones: the higher the
// priority, the more strongly a request leans toward the healthiest, least loaded instances.
import type { Balancer, Priority } from "./balancer.ts";
import { weightedRandom } from "./weighted-random.ts";

export const PRIORITY_FACTOR: Record<Priority, number> = { standard: 1, therapeutic: 1.5, crisis: 2 };

export function therapeuticPriority(random: () => number = Math.random): Balancer {
  return {
    name: "therapeutic_priority",
    pick(instances, accept, priority) {
      const f = PRIORITY_FACTOR[priority];
      return weightedRandom(instances, accept, (i) => i.weight * (i.health.score / 100) ** (2 * f) * (1 / (1 + i.active)) ** f, random);
    },
  };
}
