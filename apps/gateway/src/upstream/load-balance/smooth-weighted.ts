// Smooth weighted round robin (nginx): every acceptable instance gains its weight, the one with
// the most wins and gives back the total. Weights 5,1,1 give a a b a c a a, not a a a a a b c.
import type { Balancer } from "./balancer.ts";

export function smoothWeightedRoundRobin(): Balancer {
  return {
    name: "weighted_round_robin",
    pick(instances, accept) {
      let total = 0;
      let best: (typeof instances)[number] | null = null;
      for (const candidate of instances) {
        if (!accept(candidate)) continue;
        candidate.wrrCurrent += candidate.weight;
        total += candidate.weight;
        if (!best || candidate.wrrCurrent > best.wrrCurrent) best = candidate;
      }
      if (best) best.wrrCurrent -= total;
      return best;
    },
  };
}
