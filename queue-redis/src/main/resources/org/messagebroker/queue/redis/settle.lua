-- Settles claimed entries whose claim is still the caller's (same token): acknowledges them, or moves
-- them to the retry set or the dead-letter stream, keeping the message index current. A claim that
-- expired and was taken over is skipped.
-- KEYS[1] stream, KEYS[2] lease set, KEYS[3] claim tokens, KEYS[4] retry set, KEYS[5] dead-letter stream,
-- KEYS[6] message index, KEYS[7] ages
-- ARGV[1] group, ARGV[2] action (ack | retry | dead), then per entry: id, token, due (ms), payload,
-- message id, index value
local ids = {}
for i = 3, #ARGV, 6 do
  table.insert(ids, ARGV[i])
end
if #ids == 0 then
  return 0
end
local tokens = {}
for i = 1, #ids, 1000 do
  for _, token in ipairs(redis.call('HMGET', KEYS[3], unpack(ids, i, math.min(i + 999, #ids)))) do
    table.insert(tokens, token)
  end
end
local settled, seen, messages, indexed, retries = {}, {}, {}, {}, {}
for n, id in ipairs(ids) do
  local i = 3 + (n - 1) * 6
  if tokens[n] == ARGV[i + 1] and not seen[id] then
    seen[id] = true
    table.insert(settled, id)
    if ARGV[2] == 'retry' then
      table.insert(retries, ARGV[i + 2]); table.insert(retries, ARGV[i + 3])
      table.insert(indexed, ARGV[i + 4]); table.insert(indexed, ARGV[i + 5])
    elseif ARGV[2] == 'dead' then
      redis.call('XADD', KEYS[5], '*', 'p', ARGV[i + 3])
      table.insert(indexed, ARGV[i + 4]); table.insert(indexed, ARGV[i + 5])
    else
      table.insert(messages, ARGV[i + 4])
    end
  end
end
each_chunk('ZADD', KEYS[4], retries)
each_chunk('HSET', KEYS[6], indexed)
each_chunk('HDEL', KEYS[6], messages)
each_chunk('ZREM', KEYS[7], messages)
each_chunk('XACK', KEYS[1], settled, ARGV[1])
each_chunk('XDEL', KEYS[1], settled)
each_chunk('ZREM', KEYS[2], settled)
each_chunk('HDEL', KEYS[3], settled)
return #settled
