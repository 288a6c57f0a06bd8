-- SLIDING_WINDOW as a sliding log, shared by every node.
-- A permit at time t is granted when, for every window of length L and limit N, fewer
-- than N permits were granted in (t - L, t]; all windows are checked and, when every one
-- allows it, the permit is recorded once in the log that serves them all. Redis TIME is
-- the clock (microseconds), so the nodes' clocks do not matter.
--
-- KEYS[1]  the log: a sorted set of granted permits, score = grant time in microseconds,
--          member = the request id; entries older than the longest window are removed;
--          the key expires after the longest window
-- ARGV[1]  'acquire' | 'usage' | 'release'
-- ARGV[2]  the request id (acquire: the member to add; release: the member to remove)
-- ARGV[3]  n, the number of windows
-- ARGV[2+2i], ARGV[3+2i] for i = 1..n: window i's length in milliseconds and its limit
--
-- Returns {granted (1|0), retry-after ms, now ms} for acquire and release;
-- {1, 0, now ms, current_1, reset_1 ms, ..., current_n, reset_n ms} for usage, where
-- current is the count in (now - L, now] and reset is when the oldest of them leaves the
-- window (now when there is none).
redis.replicate_commands()
local key = KEYS[1]
local op = ARGV[1]
local n = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local now_ms = math.floor(now / 1000)
local function int(x) return string.format('%d', x) end

if op == 'release' then
  redis.call('ZREM', key, ARGV[2])
  return {1, 0, now_ms}
end

local longest = 0
for i = 1, n do
  longest = math.max(longest, tonumber(ARGV[2 + 2 * i]))
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', int(now - longest * 1000))

local granted = 1
local retry = 0
local result = {1, 0, now_ms}
for i = 1, n do
  local length = tonumber(ARGV[2 + 2 * i]) * 1000
  local limit = tonumber(ARGV[3 + 2 * i])
  local from = '(' .. int(now - length)
  local count = redis.call('ZCOUNT', key, from, '+inf')
  if op == 'usage' then
    local reset = now
    if count > 0 then
      local oldest = redis.call('ZRANGEBYSCORE', key, from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
      reset = tonumber(oldest[2]) + length
    end
    result[#result + 1] = count
    result[#result + 1] = math.ceil(reset / 1000)
  elseif count >= limit then
    granted = 0
    -- the grant that must leave the window before one more fits
    local leaving = redis.call('ZRANGEBYSCORE', key, from, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
    retry = math.max(retry, tonumber(leaving[2]) + length - now)
  end
end

if op == 'usage' then
  return result
end
if granted == 1 then
  redis.call('ZADD', key, int(now), ARGV[2])
  redis.call('PEXPIRE', key, int(longest + 1000))
  return {1, 0, now_ms}
end
return {0, math.max(1, math.ceil(retry / 1000)), now_ms}
