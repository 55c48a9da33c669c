/**
 * Every write to a read model goes through these scripts, each atomic on the Redis server. The
 * `#!lua` header (Redis 7+) makes Redis refuse a writing script up front when it is out of memory,
 * instead of failing half way through a batch. Lease values are "<owner>#<token>"; a script that is
 * not given the value the lease key holds writes nothing: that is the fence.
 */

/**
 * KEYS: lease, checkpoint, then the data keys the operations name by index.
 * ARGV: lease value, expected position ('' for none), new position ('' to leave the checkpoint as it
 * is: a rebuild's part), version, token, then operations:
 *   S k json · D k tailsKey · T tailsKey tailKey path text (append) · U tailsKey tailKey path text (replace)
 *   R k member · A k score member · L listKey idsKey id member
 * An append-only array is a string of its own, APPENDed to in place: rewriting it whole with each
 * element (as a hash field must be) cost Redis time in proportion to the array, about 100 µs per append
 * to a 20 KB history. The tails hash lists the arrays' paths; deleting a document unlinks what it lists.
 */
export const COMMIT_SCRIPT = `#!lua
local function replaceTail(tails, tail, path, text)
  redis.call('SET', tail, text)
  redis.call('HSET', tails, path, '')
end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('FENCED') end
if (redis.call('HGET', KEYS[2], 'position') or '') ~= ARGV[2] then return redis.error_reply('CHECKPOINT_MOVED') end
local i = 6
local n = #ARGV
while i <= n do
  local op = ARGV[i]
  if op == 'S' then
    redis.call('SET', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2]); i = i + 3
  elseif op == 'D' then
    local tails = KEYS[tonumber(ARGV[i + 2])]
    for _, path in ipairs(redis.call('HKEYS', tails)) do redis.call('UNLINK', tails .. '\\0' .. path) end
    redis.call('UNLINK', KEYS[tonumber(ARGV[i + 1])], tails); i = i + 3
  elseif op == 'T' then
    if ARGV[i + 4] ~= '' then
      local tail = KEYS[tonumber(ARGV[i + 2])]
      if redis.call('STRLEN', tail) > 0 then redis.call('APPEND', tail, ',' .. ARGV[i + 4])
      else replaceTail(KEYS[tonumber(ARGV[i + 1])], tail, ARGV[i + 3], ARGV[i + 4]) end
    end
    i = i + 5
  elseif op == 'U' then
    replaceTail(KEYS[tonumber(ARGV[i + 1])], KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3], ARGV[i + 4]); i = i + 5
  elseif op == 'R' then
    redis.call('ZREM', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2]); i = i + 3
  elseif op == 'A' then
    redis.call('ZADD', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2], ARGV[i + 3]); i = i + 4
  elseif op == 'L' then
    if redis.call('SADD', KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3]) == 1 then
      redis.call('ZADD', KEYS[tonumber(ARGV[i + 1])], 0, ARGV[i + 4])
    end
    i = i + 5
  else
    return redis.error_reply('BAD_OPERATION ' .. tostring(op))
  end
end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'position', ARGV[3], 'version', ARGV[4], 'token', ARGV[5]) end
return 'OK'
`;

/**
 * KEYS: each document's key then its tails key. Returns per document [head or nil, tails as path, text, …].
 * An array's own key is named after its document's tails key (see RedisKeys.tail), so it shares the
 * projection's hash slot: readers do not know a document's paths before they read its tails hash.
 */
export const LOAD_DOCS_SCRIPT = `#!lua flags=no-writes
local found = {}
for i = 1, #KEYS, 2 do
  local head = redis.call('GET', KEYS[i])
  local tails = {}
  if head then
    for _, path in ipairs(redis.call('HKEYS', KEYS[i + 1])) do
      tails[#tails + 1] = path
      tails[#tails + 1] = redis.call('GET', KEYS[i + 1] .. '\\0' .. path) or ''
    end
  end
  found[#found + 1] = { head, tails }
end
return found
`;

/** KEYS: lease, then the keys to unlink. ARGV: lease value. */
export const FENCED_UNLINK_SCRIPT = `#!lua
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('FENCED') end
for i = 2, #KEYS do redis.call('UNLINK', KEYS[i]) end
return #KEYS - 1
`;

/** KEYS: lease, fence. ARGV: owner, ttl ms. Returns the lease value, or nil when another owner holds it. */
export const ACQUIRE_LEASE_SCRIPT = `#!lua
local held = redis.call('GET', KEYS[1])
if held then
  if string.sub(held, 1, #ARGV[1] + 1) == ARGV[1] .. '#' then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return held
  end
  return false
end
local value = ARGV[1] .. '#' .. redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return value
`;

/** KEYS: lease, fence. ARGV: owner, ttl ms. Takes the lease from whoever holds it. */
export const SEIZE_LEASE_SCRIPT = `#!lua
local value = ARGV[1] .. '#' .. redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return value
`;

/** KEYS: lease. ARGV: lease value, ttl ms. 1 when renewed, 0 when the lease is someone else's or gone. */
export const RENEW_LEASE_SCRIPT = `#!lua
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** KEYS: lease. ARGV: lease value. */
export const RELEASE_LEASE_SCRIPT = `#!lua
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
