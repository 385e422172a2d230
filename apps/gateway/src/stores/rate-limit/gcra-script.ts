// The Redis side of the limiter: one Lua script per decision, so that read, decide and write are
// one atomic step for every gateway sharing the Redis. Time comes from Redis (TIME), so gateways
// with skewed clocks still share one bucket. KEYS[1] = the key; ARGV = interval ms, capacity.
export const GCRA_SCRIPT = `
local interval = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - interval * capacity
if now < allow_at then
  return {0, 0, math.ceil(allow_at - now), math.ceil(tat - now)}
end
local ttl = math.ceil(new_tat - now)
redis.call('SET', KEYS[1], string.format('%.3f', new_tat), 'PX', ttl)
return {1, math.floor((now - allow_at) / interval + 1e-9), 0, ttl}
`;
