-- Ends every claim one consumer holds: its pending entries' leases end now, and their claim tokens go, so
-- the next claim takes them over at once. Answers how many it ended.
-- KEYS[1] stream, KEYS[2] lease set, KEYS[3] claim tokens
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] now (ms)
local released = 0
local start = '-'
local page
repeat
  page = redis.call('XPENDING', KEYS[1], ARGV[1], start, '+', 500, ARGV[2])
  for _, entry in ipairs(page) do
    if redis.call('ZSCORE', KEYS[2], entry[1]) then
      redis.call('ZADD', KEYS[2], ARGV[3], entry[1])
      redis.call('HDEL', KEYS[3], entry[1])
      released = released + 1
    end
    start = '(' .. entry[1]
  end
until #page < 500
return released
