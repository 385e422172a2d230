// One variant as the Redis store keeps it, in one hash field: a version byte, the metadata's JSON
// length (uint32, big-endian), the metadata as JSON, then the body's bytes as they are. Binary
// safe: the body is never decoded as text.
import type { CachedResponse } from "./interface.ts";

const VERSION = 1;
const HEAD = 5;

interface StoredMeta extends Omit<CachedResponse, "body"> {
  /** When the variant is past its keepMs, ms since the epoch (by the gateway's clock). */
  readonly expiresAt: number;
}

export function encodeVariant(response: CachedResponse, expiresAt: number): Buffer {
  const { body, ...rest } = response;
  const meta = Buffer.from(JSON.stringify({ ...rest, expiresAt } satisfies StoredMeta), "utf8");
  const head = Buffer.allocUnsafe(HEAD);
  head.writeUInt8(VERSION, 0);
  head.writeUInt32BE(meta.length, 1);
  return Buffer.concat([head, meta, body]);
}

/** The variant and its expiry, or null when the bytes are not one this code wrote. */
export function decodeVariant(value: Buffer): { response: CachedResponse; expiresAt: number } | null {
  if (value.length < HEAD || value.readUInt8(0) !== VERSION) return null;
  const end = HEAD + value.readUInt32BE(1);
  if (end > value.length) return null;
  const { expiresAt, ...meta } = JSON.parse(value.toString("utf8", HEAD, end)) as StoredMeta;
  // A copy, not a view into the reply's buffer: the caller owns what it gets.
  return { response: { ...meta, body: Buffer.from(value.subarray(end)) }, expiresAt };
}
