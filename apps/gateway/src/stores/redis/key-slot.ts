// The Redis Cluster slot of a key (CRC16/XMODEM of its hash tag, or of the whole key, mod 16384),
// as CLUSTER KEYSLOT computes it: to know which master a script will run on before sending it.
const TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 8;
  for (let b = 0; b < 8; b++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  TABLE[i] = c;
}

export const SLOTS = 16_384;

/** The part Redis hashes: between the first "{" and the next "}", when that is not empty; else the whole key. */
export function hashTagOf(key: string): string {
  const open = key.indexOf("{");
  if (open < 0) return key;
  const close = key.indexOf("}", open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/** Called once per script call on a cluster: ASCII keys (all of the gateway's, but user-chosen parts) skip the UTF-8 copy. */
export function keySlot(key: string): number {
  const part = hashTagOf(key);
  let crc = 0;
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    if (code > 0x7f) return crcOf(Buffer.from(part, "utf8"));
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ code) & 0xff]!;
  }
  return crc % SLOTS;
}

function crcOf(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc % SLOTS;
}
