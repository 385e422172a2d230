// Health based: random, in proportion to weight x (score/100)^2, so that an instance at 50 gets
// a quarter of the share of one at 100 and traffic drains from a degrading instance gradually.
import type { Balancer } from "./balancer.ts";
import { weightedRandom } from "./weighted-random.ts";

export function healthBased(random: () => number = Math.random): Balancer {
  return {
    name: "health_based",
    pick(instances, accept) {
      return weightedRandom(instances, accept, (i) => i.weight * (i.health.score / 100) ** 2, random);
    },
  };
}
