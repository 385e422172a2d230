// The chat texts the crisis benches score: calm game lines, a calm 4 KiB message made of them, and
// the same size with a crisis tucked in the middle.
export const CALM_LINES = [
  "I went down to the lake with Wren and we talked about the lighthouse keeper.",
  "Can my character pick the lock on the chest, or do I need the rogue?",
  "The innkeeper gave us bread and told us the north road is flooded after the storm.",
  "talk to the innkeeper about the missing map, then check the stables for the grey horse.",
  "I think the riddle on the door means we need the blue lantern, not the red one.",
];

/** The lines repeated, cut to `size` characters. */
export function toSize(parts: readonly string[], size: number): string {
  let s = "";
  for (let i = 0; s.length < size; i++) s += `${parts[i % parts.length]} `;
  return s.slice(0, size);
}

export const CALM_4K = toSize(CALM_LINES, 4096);
const half = toSize(CALM_LINES, 2000);
export const TUCKED_4K = `${half} honestly i counted the pills in the cabinet and i wrote my sister a letter, tonight is the night. ${half}`.slice(0, 4096);
