// Picks at random with probability proportional to `weightOf` (two passes, no allocation).
export function weightedRandom<T>(instances: readonly T[], accept: (instance: T) => boolean, weightOf: (instance: T) => number, random: () => number): T | null {
  let total = 0;
  let last: T | null = null;
  for (const candidate of instances) {
    if (!accept(candidate)) continue;
    total += weightOf(candidate);
    last = candidate;
  }
  if (last === null || total <= 0) return last;
  let r = random() * total;
  for (const candidate of instances) {
    if (!accept(candidate)) continue;
    r -= weightOf(candidate);
    if (r < 0) return candidate;
  }
  return last;
}
