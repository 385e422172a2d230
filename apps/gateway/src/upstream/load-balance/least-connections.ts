// Least connections: the fewest attempts in flight per unit of weight; ties go round robin, so
// that an idle service does not send everything to its first instance.
import type { Balancer } from "./balancer.ts";

export function leastConnections(): Balancer {
  let start = 0;
  return {
    name: "least_connections",
    pick(instances, accept) {
      const n = instances.length;
      let best: (typeof instances)[number] | null = null;
      let bestLoad = Infinity;
      for (let k = 0; k < n; k++) {
        const candidate = instances[(start + k) % n]!;
        if (!accept(candidate)) continue;
        const load = candidate.active / candidate.weight;
        if (load < bestLoad) {
          best = candidate;
          bestLoad = load;
        }
      }
      start = n === 0 ? 0 : (start + 1) % n;
      return best;
    },
  };
}
