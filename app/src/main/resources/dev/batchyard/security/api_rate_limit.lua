-- Counts one API request of a caller in the current minute.
-- KEYS[1]: batchyard:api-rate:{caller}:<window start, epoch ms>
-- ARGV[1]: expiry of the key in ms (longer than the window, so late requests still count)
-- Returns the caller's count in this window, this request included.
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count
