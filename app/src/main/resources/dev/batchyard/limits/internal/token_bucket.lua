-- TOKEN_BUCKET, shared by every node: per window, a bucket of capacity = limit, refilled
-- continuously at limit tokens per window length, full when it has never been used. A
-- permit needs a whole token in every bucket and then takes one from each. Over any
-- interval of length t a window grants at most limit + limit * t / length. Redis TIME is
-- the clock (microseconds), so the nodes' clocks do not matter.
--
-- KEYS[i]  for i = 1..n: window i's hash {tokens (a decimal), ts = last update in epoch
--          microseconds}; a missing key is a full bucket; the key expires one window
--          after its last update (by then it would be full again)
-- ARGV[1]  'acquire' | 'usage' | 'release'
-- ARGV[2]  unused (the request id, for the logs)
-- ARGV[3]  n, the number of windows
-- ARGV[2+2i], ARGV[3+2i] for i = 1..n: window i's length in milliseconds and its limit
--
-- Returns {granted (1|0), retry-after ms, now ms} for acquire and release (release puts
-- one token back in every bucket, up to its capacity);
-- {1, 0, now ms, current_1, reset_1 ms, ..., current_n, reset_n ms} for usage, where
-- current is limit - whole tokens left and reset is when the bucket is full again.
redis.replicate_commands()
local op = ARGV[1]
local n = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local now_ms = math.floor(now / 1000)
local function int(x) return string.format('%d', x) end

local granted = 1
local retry = 0
local result = {1, 0, now_ms}
local tokens = {}
for i = 1, n do
  local length = tonumber(ARGV[2 + 2 * i]) * 1000
  local limit = tonumber(ARGV[3 + 2 * i])
  local stored = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local available = limit
  if stored[1] and stored[2] then
    local elapsed = math.max(0, now - tonumber(stored[2]))
    available = math.min(limit, tonumber(stored[1]) + elapsed * limit / length)
  end
  tokens[i] = available
  if op == 'usage' then
    result[#result + 1] = limit - math.floor(available)
    result[#result + 1] = math.ceil((now + (limit - available) * length / limit) / 1000)
  elseif op == 'acquire' and available < 1 then
    granted = 0
    retry = math.max(retry, (1 - available) * length / limit)
  end
end

if op == 'usage' then
  return result
end
if granted == 0 then
  return {0, math.max(1, math.ceil(retry / 1000)), now_ms}
end
for i = 1, n do
  local length = tonumber(ARGV[2 + 2 * i])
  local limit = tonumber(ARGV[3 + 2 * i])
  local left = tokens[i] - 1
  if op == 'release' then
    left = math.min(limit, tokens[i] + 1)
  end
  redis.call('HSET', KEYS[i], 'tokens', string.format('%.17g', left), 'ts', int(now))
  redis.call('PEXPIRE', KEYS[i], int(length + 1000))
end
return {1, 0, now_ms}
