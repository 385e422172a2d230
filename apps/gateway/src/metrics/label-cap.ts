// Bounds a label taken from runtime data (registered instance URLs): the first `max` distinct
// values keep their name, later ones are reported as "other", so the series count has a ceiling.
export function labelCap(max: number): (value: string) => string {
  const seen = new Set<string>();
  return function capped(value) {
    if (seen.has(value)) return value;
    if (seen.size >= max) return "other";
    seen.add(value);
    return value;
  };
}
