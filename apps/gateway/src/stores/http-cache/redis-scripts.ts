// The Redis cache store's scripts: each change to a primary key (put, delete, purge) is one script,
// so that its variants, its expiry, the purge indexes and the counters move together.
//
// Under base = `${prefix}cache:` (on a Redis Cluster, a shard's `${prefix}cache:{n}:`: every key a
// script touches is under one base, so under one hash tag), for a primary key whose sha256 (base64url) is h:
//   base..h              hash: field "m" = the variant list (JSON, below), field "v:"..variant = the variant (redis-codec.ts)
//   base.."tag:"..t      set of h for every variant carrying tag t; likewise "route:"..r and "user:"..u
//   base.."sizes"        hash: h -> "variants:bytes" of that key, as last written
//   base.."due"          sorted set: h by when its key expires (ms), so counters can forget expired keys
//   base.."stats"        hash: entries, bytes (the sum of sizes)
// The variant list is [{f: field, r: responseTime, e: expiresAt, b: bytes, t: tags, o: route, u: userId?}].
// Every script takes ARGV[1] = base and ARGV[2] = now (ms) first, and KEYS[1] = a key under base
// (the one it is about, or the counters), so that a cluster runs it on the master of base's slot.
import { redisScript } from "../redis/script.ts";

const COMMON = `
local base = ARGV[1]
local now = tonumber(ARGV[2])

local function names(v)
  local out = {base .. 'route:' .. v.o}
  if type(v.t) == 'table' then for _, t in ipairs(v.t) do out[#out + 1] = base .. 'tag:' .. t end end
  if type(v.u) == 'string' then out[#out + 1] = base .. 'user:' .. v.u end
  return out
end

-- The key h now holds the variants in kept (live, most recently stored first) and no longer those in
-- gone: their fields, the indexes, the key's expiry, its size and the counters follow. Answers how
-- many of the gone ones were still live.
local function settle(h, kept, gone)
  local key = base .. h
  local live, n, bytes, last = 0, 0, 0, 0
  local keep = {}
  for _, v in ipairs(kept) do
    n = n + 1
    bytes = bytes + v.b
    if v.e > last then last = v.e end
    for _, name in ipairs(names(v)) do
      if (keep[name] or 0) < v.e then keep[name] = v.e end
    end
  end
  for _, v in ipairs(gone) do
    redis.call('HDEL', key, v.f)
    if v.e > now then live = live + 1 end
    for _, name in ipairs(names(v)) do
      if not keep[name] then redis.call('SREM', name, h) end
    end
  end
  local was = redis.call('HGET', base .. 'sizes', h)
  local wasN, wasBytes = 0, 0
  if was then
    local a, b = string.match(was, '^(%d+):(%d+)$')
    wasN, wasBytes = tonumber(a), tonumber(b)
  end
  redis.call('HINCRBY', base .. 'stats', 'entries', n - wasN)
  redis.call('HINCRBY', base .. 'stats', 'bytes', bytes - wasBytes)
  if n == 0 then
    redis.call('DEL', key)
    redis.call('HDEL', base .. 'sizes', h)
    redis.call('ZREM', base .. 'due', h)
    return live
  end
  redis.call('HSET', key, 'm', cjson.encode(kept))
  redis.call('PEXPIRE', key, last - now)
  redis.call('HSET', base .. 'sizes', h, n .. ':' .. bytes)
  redis.call('ZADD', base .. 'due', last, h)
  for name, e in pairs(keep) do
    redis.call('SADD', name, h)
    if redis.call('PTTL', name) < e - now then redis.call('PEXPIRE', name, e - now) end
  end
  return live
end

-- The variant list of h, split into live ones and those past their keepMs (or matching drop).
local function split(h, drop)
  local raw = redis.call('HGET', base .. h, 'm')
  local kept, gone = {}, {}
  if raw then
    for _, v in ipairs(cjson.decode(raw)) do
      if v.e <= now or drop(v) then gone[#gone + 1] = v else kept[#kept + 1] = v end
    end
  end
  return kept, gone
end

-- Keys whose expiry has come: those Redis has dropped leave the counters (a few per call).
local function forgetExpired(limit)
  for _, h in ipairs(redis.call('ZRANGEBYSCORE', base .. 'due', '-inf', now, 'LIMIT', 0, limit)) do
    local ttl = redis.call('PTTL', base .. h)
    if ttl > 0 then redis.call('ZADD', base .. 'due', now + ttl, h) else settle(h, {}, {}) end
  end
end
`;

/** KEYS[1]: base..h. ARGV: base, now, h, field, value, entry (the variant list's item, JSON), MAX_VARIANTS. */
export const PUT = redisScript(`${COMMON}
local h, field, max = ARGV[3], ARGV[4], tonumber(ARGV[7])
local new = cjson.decode(ARGV[6])
forgetExpired(10)
local others, gone = split(h, function(v) return v.f == field end)
while #others >= max do
  local oldest = 1
  for i, v in ipairs(others) do
    if v.r < others[oldest].r then oldest = i end
  end
  gone[#gone + 1] = table.remove(others, oldest)
end
if new.e <= now then
  settle(h, others, gone)
  return 0
end
table.insert(others, 1, new)
settle(h, others, gone)
redis.call('HSET', base .. h, field, ARGV[5])
return 1`);

/** KEYS[1]: base..h. ARGV: base, now, h. Answers how many live variants went. */
export const DELETE = redisScript(`${COMMON}
local kept, gone = split(ARGV[3], function() return true end)
return settle(ARGV[3], kept, gone)`);

/**
 * KEYS[1]: the index set. ARGV: base, now, kind (tag, route, user), name, batch. Takes up to batch
 * keys out of the index and drops their variants that carry the name. Answers {variants gone, keys left in the index}.
 */
export const PURGE = redisScript(`${COMMON}
local kind, name = ARGV[3], ARGV[4]
local function carries(v)
  if kind == 'route' then return v.o == name end
  if kind == 'user' then return v.u == name end
  if type(v.t) == 'table' then for _, t in ipairs(v.t) do if t == name then return true end end end
  return false
end
local live = 0
for _, h in ipairs(redis.call('SPOP', KEYS[1], tonumber(ARGV[5]))) do
  local kept, gone = split(h, carries)
  live = live + settle(h, kept, gone)
end
return {live, redis.call('SCARD', KEYS[1])}`);

/** KEYS[1]: base.."stats". ARGV: base, now. Answers {entries, bytes}. */
export const STATS = redisScript(`${COMMON}
forgetExpired(100)
return redis.call('HMGET', base .. 'stats', 'entries', 'bytes')`);
