/**
 * One party's standing, atomically. KEYS: its rating hash, the set of board names, the set of rebuild runs.
 * ARGV: key prefix, party id, basedOn (sortable), rating JSON, board names ('\n'-joined), then index/score
 * pairs. Refuses (0) a standing based on an older read-model position than the stored one; otherwise leaves
 * the boards the party no longer stands on, takes its new entries, stores the rating, and tells every
 * rebuild under way that this party moved (a rebuild's swap would otherwise overwrite the move).
 */
export const APPLY_STANDING = `
local prefix, party = ARGV[1], ARGV[2]
local function boardKey(index) return prefix .. 'leaderboard:' .. string.sub(index, 10) end
local stored = redis.call('HGET', KEYS[1], 'basedOn')
if stored and stored > ARGV[3] then return 0 end
local keep = {}
for i = 6, #ARGV, 2 do keep[ARGV[i]] = true end
local old = redis.call('HGET', KEYS[1], 'boards')
if old then
  for index in string.gmatch(old, '[^\\n]+') do
    if not keep[index] then
      local key = boardKey(index)
      redis.call('ZREM', key, party)
      if redis.call('ZCARD', key) == 0 then redis.call('SREM', KEYS[2], index) end
    end
  end
end
for i = 6, #ARGV, 2 do
  redis.call('ZADD', boardKey(ARGV[i]), ARGV[i + 1], party)
  redis.call('SADD', KEYS[2], ARGV[i])
end
redis.call('HSET', KEYS[1], 'basedOn', ARGV[3], 'boards', ARGV[5], 'json', ARGV[4])
for _, run in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local flag = prefix .. 'rebuild:' .. run
  local ttl = redis.call('PTTL', flag)
  if ttl > 0 then
    redis.call('SADD', flag .. ':dirty', party)
    redis.call('PEXPIRE', flag .. ':dirty', ttl)
  else
    redis.call('SREM', KEYS[3], run)
  end
end
return 1
`;

/**
 * Swaps the boards built aside in temporary keys in, all at once. KEYS: the set of board names, the
 * weights hash. ARGV: key prefix, the weights' temporary key ('' keeps the weights, '-' drops them), then index/temporary
 * key pairs. Boards not among them are dropped.
 */
export const SWAP_BOARDS = `
local prefix = ARGV[1]
local function boardKey(index) return prefix .. 'leaderboard:' .. string.sub(index, 10) end
local fresh = {}
for i = 3, #ARGV, 2 do fresh[ARGV[i]] = true end
for _, index in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if not fresh[index] then redis.call('DEL', boardKey(index)) end
end
redis.call('DEL', KEYS[1])
for i = 3, #ARGV, 2 do
  local key = boardKey(ARGV[i])
  redis.call('RENAME', ARGV[i + 1], key)
  redis.call('PERSIST', key)
  redis.call('SADD', KEYS[1], ARGV[i])
end
if ARGV[2] == '-' then
  redis.call('DEL', KEYS[2])
elseif ARGV[2] ~= '' then
  redis.call('RENAME', ARGV[2], KEYS[2])
  redis.call('PERSIST', KEYS[2])
end
return 1
`;

/** Ends a rebuild: answers the parties that moved during it and forgets it. KEYS: its flag, its dirty set, the set of runs. ARGV: its run id. */
export const END_REBUILD = `
local dirty = redis.call('SMEMBERS', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return dirty
`;
