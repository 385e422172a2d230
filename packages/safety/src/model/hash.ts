// FNV-1a over UTF-16 code units, 32 bits: the hashing trick's index function. Stable across
// platforms and versions, which the committed model depends on (same text -> same feature).

export const FNV_OFFSET = 0x811c9dc5;

export function fnv(s: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One more code unit into a running hash. */
export const fnvStep = (h: number, code: number) => Math.imul(h ^ code, 0x01000193);

/** Two 32-bit hashes into one (murmur3's finaliser over a multiply-xor): word pairs from word hashes. */
export function combine(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0xcc9e2d51)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
