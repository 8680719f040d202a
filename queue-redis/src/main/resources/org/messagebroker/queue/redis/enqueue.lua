-- Adds a batch of messages to the stream with their index entries, and records their idempotency keys,
-- atomically (one call, one AOF write for the whole batch). A message whose key is already recorded is
-- not added: its result is the key's record. A message whose client has a rate limit takes a token from
-- the client's bucket first; without one it is refused (not added, its key not recorded).
-- Answers one result per message ('+' or '+<tokens left>' = added, '-<tokens left>' = refused by the
-- rate limit, else the key's record), then the queue's depth after the batch.
-- KEYS[1] stream, KEYS[2] message index, KEYS[3] ages (by accept time), KEYS[4] retries,
-- KEYS[5..] the idempotency keys of the messages that have one and the rate buckets of limited clients
-- ARGV[1] count, ARGV[2] now (ms); then per message 9 values: its idempotency key's position in KEYS
-- (0 = none), payload, message id, index value, accepted at (ms), idempotency record, time to live (ms),
-- its client's bucket's position in KEYS (0 = no limit), the limit per minute
local results = {}
local count = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local buckets = {}
local indexed, aged = {}, {}
local function bucket(position, limit)
  local b = buckets[position]
  if not b then
    local stored = redis.call('HMGET', KEYS[position], 'tokens', 'at')
    local tokens, at = tonumber(stored[1]), tonumber(stored[2])
    if not tokens then
      tokens, at = limit, now
    end
    local elapsed = math.max(0, now - at)
    b = {tokens = math.min(limit, tokens + elapsed * limit / 60000), at = math.max(at, now)}
    buckets[position] = b
  end
  return b
end

for i = 0, count - 1 do
  local base = 3 + i * 9
  local key = tonumber(ARGV[base])
  local existing = false
  if key > 0 then
    existing = redis.call('GET', KEYS[key])
  end
  local rate = tonumber(ARGV[base + 7])
  local tokens = nil
  local refused = false
  if not existing and rate > 0 then
    local b = bucket(rate, tonumber(ARGV[base + 8]))
    if b.tokens >= 1 then
      b.tokens = b.tokens - 1
    else
      refused = true
    end
    tokens = b.tokens
  end
  if existing then
    results[i + 1] = existing
  elseif refused then
    results[i + 1] = '-' .. tostring(tokens)
  else
    redis.call('XADD', KEYS[1], '*', 'p', ARGV[base + 1])
    table.insert(indexed, ARGV[base + 2]); table.insert(indexed, ARGV[base + 3])
    table.insert(aged, ARGV[base + 4]); table.insert(aged, ARGV[base + 2])
    if key > 0 then
      redis.call('SET', KEYS[key], ARGV[base + 5], 'PX', ARGV[base + 6])
    end
    results[i + 1] = tokens and ('+' .. tostring(tokens)) or '+'
  end
end
each_chunk('HSET', KEYS[2], indexed)
each_chunk('ZADD', KEYS[3], aged)
for position, b in pairs(buckets) do
  -- A bucket left alone for a minute is full again: the key may go then.
  redis.call('HSET', KEYS[position], 'tokens', tostring(b.tokens), 'at', tostring(b.at))
  redis.call('PEXPIRE', KEYS[position], 120000)
end
results[count + 1] = tostring(redis.call('XLEN', KEYS[1]) + redis.call('ZCARD', KEYS[4]))
return results
