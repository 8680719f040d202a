-- Adds a message to the stream and its index entry, and records the idempotency key, atomically;
-- when the key is already recorded, answers its record and adds nothing.
-- KEYS[1] stream, KEYS[2] message index, KEYS[3] ages (by accept time), KEYS[4] idempotency key (optional)
-- ARGV[1] payload, ARGV[2] message id, ARGV[3] index value, ARGV[4] accepted at (ms),
-- ARGV[5] idempotency record, ARGV[6] time to live (ms)
if KEYS[4] then
  local existing = redis.call('GET', KEYS[4])
  if existing then
    return existing
  end
end
redis.call('XADD', KEYS[1], '*', 'p', ARGV[1])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
if KEYS[4] then
  redis.call('SET', KEYS[4], ARGV[5], 'PX', ARGV[6])
end
return false
