// Typed, prefixed ids: the prefix says what a row is wherever the id turns up (logs, URLs, audit).
import { randomBytes } from "node:crypto";

export const ID_PREFIXES = {
  user: "usr",
  service: "svc",
  instance: "ins",
  route: "rt",
  rateLimitPolicy: "rlp",
  authPolicy: "aup",
  safetyRuleSet: "srs",
  revision: "rev",
  event: "evt",
  note: "note",
  audit: "aud",
  request: "req",
  session: "ses",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

// Ids are minted on the gateway's per-request path: draw random bytes in blocks, not per id.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;
function nextRandomByte(): number {
  if (offset === POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  return pool[offset++]!;
}

/** A time-sortable id: 10 chars of milliseconds then 12 random chars, behind the kind's prefix. */
export function newId(kind: IdKind, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = "";
  for (let i = 0; i < 12; i++) rand += ALPHABET[nextRandomByte() % 32];
  return `${ID_PREFIXES[kind]}_${time}${rand}`;
}
