// A route's or service's colour in every chart and table, from its name alone: a hash into a fixed
// palette, so it keeps its colour between refreshes and ranges whatever the traffic does (colours
// by traffic rank swapped whenever two routes changed places). Two names may share a colour; the
// legend and the tooltip name them. Every colour has at least 4.5:1 contrast on white.
export const PALETTE = [
  "#1f5fbf", // blue
  "#2e7d32", // green
  "#b35c00", // orange
  "#7b4fb3", // purple
  "#0f7285", // teal
  "#b0487a", // magenta
  "#5c6b00", // olive
  "#a8323e", // red
  "#3f51b5", // indigo
  "#6d4c41", // brown
] as const;

/** FNV-1a: small, fast and spreads short, similar names ("chat-api", "chat-ws") well. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function colourOf(name: string): string {
  return PALETTE[hash(name) % PALETTE.length]!;
}
