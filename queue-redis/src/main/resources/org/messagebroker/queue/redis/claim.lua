-- Claims up to ARGV[5] entries for one consumer, atomically: first retries that are due go back into
-- the stream, then entries whose lease ran out are taken over, then new entries are read. Each claimed
-- entry gets the lease end (scored by the caller's clock) and the claim's token.
-- KEYS[1] stream, KEYS[2] lease set, KEYS[3] claim tokens, KEYS[4] retry set
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] now (ms), ARGV[4] lease end (ms), ARGV[5] max, ARGV[6] token
local max = tonumber(ARGV[5])
local due = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', ARGV[3], 'LIMIT', 0, max)
for _, payload in ipairs(due) do
  redis.call('XADD', KEYS[1], '*', 'p', payload)
end
each_chunk('ZREM', KEYS[4], due)
local claimed = {}
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[3], 'LIMIT', 0, max)
if #expired > 0 then
  local alive = {}
  for _, entry in ipairs(redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, unpack(expired))) do
    if entry and entry[2] then
      alive[entry[1]] = true
      table.insert(claimed, {entry[1], entry[2][2]})
    end
  end
  local gone = {}
  for _, id in ipairs(expired) do
    if not alive[id] then
      table.insert(gone, id)
    end
  end
  each_chunk('ZREM', KEYS[2], gone)
  each_chunk('HDEL', KEYS[3], gone)
end
if #claimed < max then
  local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', max - #claimed, 'STREAMS', KEYS[1], '>')
  if read then
    for _, entry in ipairs(read[1][2]) do
      table.insert(claimed, {entry[1], entry[2][2]})
    end
  end
end
local leases, tokens = {}, {}
for _, entry in ipairs(claimed) do
  table.insert(leases, ARGV[4]); table.insert(leases, entry[1])
  table.insert(tokens, entry[1]); table.insert(tokens, ARGV[6])
end
each_chunk('ZADD', KEYS[2], leases)
each_chunk('HSET', KEYS[3], tokens)
return claimed
