-- Adds a batch of messages to the stream with their index entries, and records their idempotency keys,
-- atomically (one call, one AOF write for the whole batch). A message whose key is already recorded is
-- not added: its result is the key's record. Answers one result per message ('' = added), then the
-- queue's depth after the batch.
-- KEYS[1] stream, KEYS[2] message index, KEYS[3] ages (by accept time), KEYS[4] retries,
-- KEYS[5..] the idempotency keys of the messages that have one
-- ARGV[1] count; then per message 7 values: its idempotency key's position in KEYS (0 = none), payload,
-- message id, index value, accepted at (ms), idempotency record, time to live (ms)
local results = {}
local count = tonumber(ARGV[1])
for i = 0, count - 1 do
  local base = 2 + i * 7
  local key = tonumber(ARGV[base])
  local existing = false
  if key > 0 then
    existing = redis.call('GET', KEYS[key])
  end
  if existing then
    results[i + 1] = existing
  else
    redis.call('XADD', KEYS[1], '*', 'p', ARGV[base + 1])
    redis.call('HSET', KEYS[2], ARGV[base + 2], ARGV[base + 3])
    redis.call('ZADD', KEYS[3], ARGV[base + 4], ARGV[base + 2])
    if key > 0 then
      redis.call('SET', KEYS[key], ARGV[base + 5], 'PX', ARGV[base + 6])
    end
    results[i + 1] = ''
  end
end
results[count + 1] = tostring(redis.call('XLEN', KEYS[1]) + redis.call('ZCARD', KEYS[4]))
return results
