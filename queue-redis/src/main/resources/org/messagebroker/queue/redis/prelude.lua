-- Put in front of every queue script by LuaScript.load (Redis runs each script on its own).
-- One command for many members (a write command is propagated to the AOF once, not once per member),
-- in chunks that stay below Lua's limit on unpacked arguments; `first` is an argument before the members
-- (XACK's group).
local function each_chunk(command, key, values, first)
  for i = 1, #values, 1000 do
    if first then
      redis.call(command, key, first, unpack(values, i, math.min(i + 999, #values)))
    else
      redis.call(command, key, unpack(values, i, math.min(i + 999, #values)))
    end
  end
end
