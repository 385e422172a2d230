// Round robin: each pick takes the next acceptable instance after the previous pick.
import type { Balancer } from "./balancer.ts";

export function roundRobin(): Balancer {
  let next = 0;
  return {
    name: "round_robin",
    pick(instances, accept) {
      const n = instances.length;
      for (let k = 0; k < n; k++) {
        const i = (next + k) % n;
        const candidate = instances[i]!;
        if (!accept(candidate)) continue;
        next = (i + 1) % n;
        return candidate;
      }
      return null;
    },
  };
}
