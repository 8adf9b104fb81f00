using BlazorMessenger.Hosting;
using BlazorMessenger.Realtime;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorMessenger.Features.Push;

/// <summary>
/// Which pages people's tabs show visibly right now, on this instance and (with Redis) on every instance: a push is
/// sent only when none of the person's tabs shows the conversation. With Redis, each person has a sorted set of
/// "page, tab" entries scored by when their instance last confirmed them; an instance re-confirms its own on every
/// heartbeat, so the tabs of an instance that stopped fall out after the presence expiry.
/// </summary>
public sealed class PushViewers : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string UserId, string Path)> _tabs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _byUser = new(StringComparer.Ordinal);
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly TimeSpan _expiry;
    private readonly ITimer? _timer;
    private readonly ILogger<PushViewers> _logger;

    public PushViewers(RedisConnection redis, IOptions<MessengerOptions> options, TimeProvider time, ILogger<PushViewers> logger)
    {
        (_redis, _time, _logger) = (redis, time, logger);
        _expiry = TimeSpan.FromSeconds(options.Value.PresenceExpirySeconds);
        if (redis.Enabled)
        {
            var beat = TimeSpan.FromSeconds(options.Value.PresenceHeartbeatSeconds);
            _timer = time.CreateTimer(_ => Beat(), null, beat, beat);
        }
    }

    /// <summary>The tab shows this page visibly (path), or nothing (null).</summary>
    public void Set(string tab, string userId, string? path)
    {
        lock (_gate)
        {
            var before = Forget(tab);
            if (path is not null)
            {
                _tabs[tab] = (userId, path);
                if (!_byUser.TryGetValue(userId, out var pages))
                {
                    _byUser[userId] = pages = new(StringComparer.Ordinal);
                }

                pages[tab] = path;
            }

            if (_redis.Enabled && (before is not null || path is not null))
            {
                Mirror(tab, before, path is null ? null : (userId, path));
            }
        }
    }

    public void Leave(string tab)
    {
        lock (_gate)
        {
            if (Forget(tab) is { } before && _redis.Enabled)
            {
                Mirror(tab, before, null);
            }
        }
    }

    /// <summary>Under the lock: takes the tab out of both maps, answering what it showed.</summary>
    private (string UserId, string Path)? Forget(string tab)
    {
        if (!_tabs.Remove(tab, out var before))
        {
            return null;
        }

        if (_byUser.TryGetValue(before.UserId, out var pages) && pages.Remove(tab) && pages.Count == 0)
        {
            _byUser.Remove(before.UserId);
        }

        return before;
    }

    /// <summary>Whether a tab of the person shows this page visibly, here or on another instance.</summary>
    public async Task<bool> ShowsAsync(string userId, string path)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(userId, out var pages) && pages.ContainsValue(path))
            {
                return true;
            }
        }

        if (!_redis.Enabled)
        {
            return false;
        }

        try
        {
            var since = (_time.GetUtcNow() - _expiry).ToUnixTimeMilliseconds();
            var entries = await _redis.Multiplexer.GetDatabase().SortedSetRangeByScoreAsync(Key(userId), since);
            return entries.Any(e => ((string?)e)?.StartsWith(path + "\n", StringComparison.Ordinal) == true);
        }
        catch (RedisException ex)
        {
            // Redis carries speed, not truth: without it, a push too many beats a push missed.
            _logger.LogDebug(ex, "Could not ask Redis which pages {UserId} shows.", userId);
            return false;
        }
    }

    private RedisKey Key(string userId) => _redis.Key("push:viewing:" + userId);

    private static string Entry(string path, string tab) => path + "\n" + tab;

    private void Mirror(string tab, (string UserId, string Path)? before, (string UserId, string Path)? after)
    {
        try
        {
            var db = _redis.Multiplexer.GetDatabase();
            if (before is { } was && (after is null || after.Value != was))
            {
                db.SortedSetRemove(Key(was.UserId), Entry(was.Path, tab), CommandFlags.FireAndForget);
            }

            if (after is { } now)
            {
                db.SortedSetAdd(Key(now.UserId), Entry(now.Path, tab), _time.GetUtcNow().ToUnixTimeMilliseconds(), CommandFlags.FireAndForget);
                db.KeyExpire(Key(now.UserId), _expiry * 4, CommandFlags.FireAndForget);
            }
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Could not tell Redis which page a tab shows; the next heartbeat will.");
        }
    }

    /// <summary>Re-confirms this instance's tabs and drops everyone's entries older than the expiry.</summary>
    private void Beat()
    {
        (string UserId, string Path, string Tab)[] tabs;
        lock (_gate)
        {
            tabs = [.. _tabs.Select(t => (t.Value.UserId, t.Value.Path, t.Key))];
        }

        var now = _time.GetUtcNow();
        try
        {
            var db = _redis.Multiplexer.GetDatabase();
            foreach (var user in tabs.GroupBy(t => t.UserId))
            {
                db.SortedSetAdd(Key(user.Key), [.. user.Select(t => new SortedSetEntry(Entry(t.Path, t.Tab), now.ToUnixTimeMilliseconds()))], CommandFlags.FireAndForget);
                db.SortedSetRemoveRangeByScore(Key(user.Key), double.NegativeInfinity, (now - _expiry).ToUnixTimeMilliseconds(), flags: CommandFlags.FireAndForget);
                db.KeyExpire(Key(user.Key), _expiry * 4, CommandFlags.FireAndForget);
            }
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Push viewing heartbeat skipped.");
        }
    }

    public void Dispose() => _timer?.Dispose();
}
