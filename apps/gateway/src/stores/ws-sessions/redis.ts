// Sessions in Redis: the record in the hash `${prefix}ws:session:{<id>}` (field "record", JSON, and
// "seq", the last offset) and the frames in the stream `${prefix}ws:session:{<id>}:out` under
// explicit ids "<offset>-0", so that any gateway can replay them in order. Keeping a frame is one
// script: the offset, the entry, the length bound and both expiries move together. The braces are
// a hash tag: on a Redis Cluster a session's hash and stream share a slot, so the scripts and
// MULTIs that touch both run there; a single Redis ignores them.
import { Cluster } from "ioredis";
import type { RedisClient } from "../redis/client.ts";
import { redisScript } from "../redis/script.ts";
import type { FrameLimits, FrameToKeep, Replay, SessionRecord, SessionStore, StoredFrame } from "./interface.ts";
import { replayOf } from "./interface.ts";

const APPEND = redisScript(`
local n = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], n .. '-0', 'b', ARGV[1], 't', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return n`);

// KEYS: a session's hash and stream per frame; ARGV: the time, then offset, body, length bound and
// expiry per frame. Answers 1 (kept) or 0 (offset taken) per frame.
const KEEP = redisScript(`
local out = {}
for i = 1, #KEYS / 2 do
  local hash, stream, a = KEYS[2 * i - 1], KEYS[2 * i], 4 * i - 2
  local n = tonumber(ARGV[a])
  local last = tonumber(redis.call('HGET', hash, 'seq') or '0')
  if n <= last then
    out[i] = 0
  else
    redis.call('HSET', hash, 'seq', n)
    redis.call('XADD', stream, 'MAXLEN', ARGV[a + 2], n .. '-0', 'b', ARGV[a + 1], 't', ARGV[1])
    redis.call('PEXPIRE', hash, ARGV[a + 3])
    redis.call('PEXPIRE', stream, ARGV[a + 3])
    out[i] = 1
  end
end
return out`);

const UPDATE = redisScript(`
local json = redis.call('HGET', KEYS[1], 'record')
if not json then return 0 end
local record = cjson.decode(json)
local patch = cjson.decode(ARGV[1])
for k, v in pairs(patch) do record[k] = v end
redis.call('HSET', KEYS[1], 'record', cjson.encode(record))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`);

function parse(json: string | null): SessionRecord | null {
  if (!json) return null;
  const record = JSON.parse(json) as SessionRecord;
  // cjson writes an empty table as {} and null as a missing key
  return { ...record, rooms: Array.isArray(record.rooms) ? record.rooms : [], crisisEventId: record.crisisEventId ?? null, owner: record.owner ?? null };
}

/** A cluster runs a script on one slot: the frames of a room broadcast go as one KEEP per session. Indexes into frames, in order. */
function bySession(frames: readonly FrameToKeep[]): number[][] {
  const groups = new Map<string, number[]>();
  frames.forEach((frame, i) => {
    const group = groups.get(frame.sessionId);
    if (group) group.push(i);
    else groups.set(frame.sessionId, [i]);
  });
  return [...groups.values()];
}

export function createRedisSessionStore(client: RedisClient, prefix: string, now: () => number = Date.now): SessionStore {
  const key = (id: string) => `${prefix}ws:session:{${id}}`;
  const stream = (id: string) => `${prefix}ws:session:{${id}}:out`;
  const keepOnce = async (frames: readonly FrameToKeep[]): Promise<boolean[]> => {
    const keys = frames.flatMap((f) => [key(f.sessionId), stream(f.sessionId)]);
    const args = frames.flatMap((f) => [f.offset, f.body, f.limits.maxFrames, f.limits.ttlMs]);
    const kept = (await KEEP(client, keys.length, ...keys, now(), ...args)) as number[];
    return kept.map((k) => k === 1);
  };
  return {
    kind: "redis",
    async create(record, ttlMs) {
      await client.multi().del(key(record.id), stream(record.id)).hset(key(record.id), "record", JSON.stringify(record), "seq", 0).pexpire(key(record.id), ttlMs).exec();
    },
    async get(id) {
      return parse(await client.hget(key(id), "record"));
    },
    async update(id, patch, ttlMs) {
      await UPDATE(client, 2, key(id), stream(id), JSON.stringify(patch), ttlMs); // a null in the patch stays null (cjson.null)
    },
    async append(id, body, limits: FrameLimits) {
      return Number(await APPEND(client, 2, key(id), stream(id), body, limits.maxFrames, limits.ttlMs, now()));
    },
    async keep(frames) {
      if (frames.length === 0) return [];
      if (!(client instanceof Cluster)) return keepOnce(frames);
      // In order within a session (its offsets must rise); sessions in parallel, each on its master.
      const groups = bySession(frames);
      const answers = await Promise.all(groups.map((group) => keepOnce(group.map((i) => frames[i]!))));
      const out = new Array<boolean>(frames.length);
      groups.forEach((group, g) => group.forEach((i, j) => (out[i] = answers[g]![j]!)));
      return out;
    },
    async after(id, offset, maxAgeMs): Promise<Replay> {
      const [[, seq], [, entries]] = (await client.multi().hget(key(id), "seq").xrange(stream(id), `(${offset}-0`, "+").exec()) as [[unknown, string | null], [unknown, [string, string[]][]]];
      const kept: StoredFrame[] = entries.map(([entryId, fields]) => {
        const f = new Map<string, string>();
        for (let i = 0; i < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
        return { offset: Number(entryId.split("-")[0]), at: Number(f.get("t")), body: f.get("b") ?? "{}" };
      });
      return replayOf(offset, Number(seq ?? 0), kept, now() - maxAgeMs);
    },
  };
}
