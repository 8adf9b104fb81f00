namespace BlazorMessenger.Features.Presence;

/// <summary>
/// The shared presence's steps, each one Lua script so no other instance's step falls in between. KEYS[1] is the sorted
/// set of instances (scored by their last heartbeat, in Unix milliseconds), KEYS[2] the hash of each person's latest
/// version, and ARGV[1] the start of the name of an instance's set of people ("bm:presence:instance:"). An instance's
/// set is named from inside the scripts, so they need a single Redis server (not a cluster).
/// Changes come back flat: person, 1 (online) or 0 (offline), version; for each person whose presence changed
/// everywhere, that is whom no other instance has.
/// </summary>
internal static class RedisPresenceScripts
{
    /// <summary>Versions come from Redis's clock, so they keep growing even if Redis lost its data in a restart.</summary>
    private const string Helpers = """
        local function elsewhere(user, except)
          for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
            if id ~= except and redis.call('SISMEMBER', ARGV[1] .. id, user) == 1 then return true end
          end
          return false
        end
        local function bump(user)
          local t = redis.call('TIME')
          local v = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local old = tonumber(redis.call('HGET', KEYS[2], user) or '0')
          if v <= old then v = old + 1 end
          redis.call('HSET', KEYS[2], user, string.format('%d', v))
          return v
        end

        """ + "\n";

    /// <summary>
    /// This instance (ARGV[2]) beats (ARGV[3]: now) and adds, removes or (replace) sets exactly its people (ARGV[5..]);
    /// ARGV[4] says which.
    /// </summary>
    public const string Change = Helpers + """
        local me, mode = ARGV[2], ARGV[4]
        local mine = ARGV[1] .. me
        redis.call('ZADD', KEYS[1], ARGV[3], me)
        local changes = {}
        local function note(user, online)
          if not elsewhere(user, me) then
            table.insert(changes, user); table.insert(changes, online); table.insert(changes, bump(user))
          end
        end
        local wanted = {}
        for i = 5, #ARGV do wanted[ARGV[i]] = true end
        if mode == 'replace' then
          for _, user in ipairs(redis.call('SMEMBERS', mine)) do
            if not wanted[user] then redis.call('SREM', mine, user); note(user, 0) end
          end
        end
        for user in pairs(wanted) do
          if mode == 'remove' then
            if redis.call('SREM', mine, user) == 1 then note(user, 0) end
          elseif redis.call('SADD', mine, user) == 1 then
            note(user, 1)
          end
        end
        return changes
        """;

    /// <summary>
    /// Removes the instance ARGV[2] if its heartbeat is still no later than ARGV[3]; returns that heartbeat, then the
    /// changes (its people whom no other instance has go offline). Nothing when another survivor got there first.
    /// </summary>
    public const string RemoveInstance = Helpers + """
        local dead = ARGV[2]
        local beat = redis.call('ZSCORE', KEYS[1], dead)
        if not beat or tonumber(beat) > tonumber(ARGV[3]) then return {} end
        redis.call('ZREM', KEYS[1], dead)
        local users = redis.call('SMEMBERS', ARGV[1] .. dead)
        redis.call('DEL', ARGV[1] .. dead)
        local result = { beat }
        for _, user in ipairs(users) do
          if not elsewhere(user, nil) then
            table.insert(result, user); table.insert(result, 0); table.insert(result, bump(user))
          end
        end
        return result
        """;

    /// <summary>
    /// Publishes the news ARGV[5] on channel ARGV[4] only while ARGV[3] is still person ARGV[2]'s latest version: an
    /// older change that lost the race stays unsaid, so the channel carries each person's changes in order.
    /// </summary>
    public const string PublishNews = """
        if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[3] then return redis.call('PUBLISH', ARGV[4], ARGV[5]) end
        return -1
        """;

    /// <summary>Everyone online on any instance, and every person's version, read at one moment.</summary>
    public const string Snapshot = """
        local sets = {}
        for i, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do sets[i] = ARGV[1] .. id end
        local online = {}
        if #sets > 0 then online = redis.call('SUNION', unpack(sets)) end
        return { online, redis.call('HGETALL', KEYS[2]) }
        """;
}
