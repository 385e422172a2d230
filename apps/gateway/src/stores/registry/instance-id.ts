// Registered instances get an id derived from what they are (service + url), so that an instance
// that registers again after a restart, or twice by mistake, stays one entry.
import { createHash } from "node:crypto";
import { ID_PREFIXES } from "@tta/domain";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function registeredInstanceId(service: string, url: string): string {
  const digest = createHash("sha256").update(`${service}\n${url}`).digest();
  let out = "";
  for (let i = 0; i < 22; i++) out += ALPHABET[digest[i]! % 32];
  return `${ID_PREFIXES.instance}_${out}`;
}
