-- Settles claimed entries whose claim is still the caller's (same token): acknowledges them, or moves
-- them to the retry set or the dead-letter stream, keeping the message index current. A claim that
-- expired and was taken over is skipped.
-- KEYS[1] stream, KEYS[2] lease set, KEYS[3] claim tokens, KEYS[4] retry set, KEYS[5] dead-letter stream,
-- KEYS[6] message index, KEYS[7] ages
-- ARGV[1] group, ARGV[2] action (ack | retry | dead), then per entry: id, token, due (ms), payload,
-- message id, index value
local settled = 0
for i = 3, #ARGV, 6 do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[3], id) == ARGV[i + 1] then
    if ARGV[2] == 'retry' then
      redis.call('ZADD', KEYS[4], ARGV[i + 2], ARGV[i + 3])
      redis.call('HSET', KEYS[6], ARGV[i + 4], ARGV[i + 5])
    elseif ARGV[2] == 'dead' then
      redis.call('XADD', KEYS[5], '*', 'p', ARGV[i + 3])
      redis.call('HSET', KEYS[6], ARGV[i + 4], ARGV[i + 5])
    else
      redis.call('HDEL', KEYS[6], ARGV[i + 4])
      redis.call('ZREM', KEYS[7], ARGV[i + 4])
    end
    redis.call('XACK', KEYS[1], ARGV[1], id)
    redis.call('XDEL', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    settled = settled + 1
  end
end
return settled
