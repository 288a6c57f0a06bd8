-- FIXED_WINDOW, shared by every node: per window, the permits granted in the current
-- calendar window of Redis TIME (epoch-aligned UTC seconds, minutes, hours, days). A
-- permit is granted when every window's count is below its limit, and then counted in
-- all of them. Redis TIME is the clock, so the nodes' clocks do not matter.
--
-- KEYS[i]  for i = 1..n: window i's hash {start = window start in epoch ms, count};
--          a start other than the current window's means a count of 0; the key expires
--          one second after its window ends
-- ARGV[1]  'acquire' | 'usage' | 'release'
-- ARGV[2]  release: the now ms an acquire returned (the permit is given back only to
--          windows that have not ended since); otherwise unused
-- ARGV[3]  n, the number of windows
-- ARGV[2+2i], ARGV[3+2i] for i = 1..n: window i's length in milliseconds and its limit
--
-- Returns {granted (1|0), retry-after ms, now ms} for acquire and release;
-- {1, 0, now ms, current_1, reset_1 ms, ..., current_n, reset_n ms} for usage, where
-- current is the count of the current window and reset its end.
redis.replicate_commands()
local op = ARGV[1]
local n = tonumber(ARGV[3])
local time = redis.call('TIME')
local now_ms = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local function int(x) return string.format('%d', x) end

local function count_of(key, start)
  local stored = redis.call('HMGET', key, 'start', 'count')
  if stored[1] and tonumber(stored[1]) == start then
    return tonumber(stored[2]) or 0
  end
  return 0
end

if op == 'release' then
  local acquired = tonumber(ARGV[2])
  for i = 1, n do
    local length = tonumber(ARGV[2 + 2 * i])
    local start = acquired - (acquired % length)
    if count_of(KEYS[i], start) > 0 then
      redis.call('HINCRBY', KEYS[i], 'count', -1)
    end
  end
  return {1, 0, now_ms}
end

local granted = 1
local retry = 0
local result = {1, 0, now_ms}
local starts = {}
local counts = {}
for i = 1, n do
  local length = tonumber(ARGV[2 + 2 * i])
  local limit = tonumber(ARGV[3 + 2 * i])
  local start = now_ms - (now_ms % length)
  local count = count_of(KEYS[i], start)
  starts[i] = start
  counts[i] = count
  if op == 'usage' then
    result[#result + 1] = count
    result[#result + 1] = start + length
  elseif count >= limit then
    granted = 0
    retry = math.max(retry, start + length - now_ms)
  end
end

if op == 'usage' then
  return result
end
if granted == 1 then
  for i = 1, n do
    local length = tonumber(ARGV[2 + 2 * i])
    redis.call('HSET', KEYS[i], 'start', int(starts[i]), 'count', int(counts[i] + 1))
    redis.call('PEXPIRE', KEYS[i], int(starts[i] + length - now_ms + 1000))
  end
  return {1, 0, now_ms}
end
return {0, math.max(1, retry), now_ms}
