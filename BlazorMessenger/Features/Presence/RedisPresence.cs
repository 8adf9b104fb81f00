using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorMessenger.Features.Presence;

/// <summary>
/// Presence across instances, when Messenger:Redis is set (inert otherwise). Each instance keeps the people online on it
/// (after its grace period) in its own set and beats in the sorted set of instances; a person is online while any
/// instance's set holds them. A change that changes that (the first instance to have them, the last to let go) gets a
/// new version, and its news goes out on the presence channel only while that version is still the newest, so the
/// channel carries each person's changes in order. Every instance, this one included, applies the channel's news to
/// its cache of who is online (what IsOnline reads: it is called while rendering lists) and tells its own subscribers.
/// Survivors remove an instance whose heartbeat is older than the expiry and announce its people offline unless
/// another instance has them. LastSeenUtc is written only then: when the person is offline everywhere.
/// </summary>
public sealed partial class RedisPresence : IDisposable
{
    private readonly RedisConnection _redis;
    private readonly InProcessMessengerHub _local;
    private readonly IDbContextFactory<ApplicationDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisPresence> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _here = new(StringComparer.Ordinal);
    private Dictionary<string, Known> _known = new(StringComparer.Ordinal);
    private List<(PresenceNews News, long Version)>? _arrivedDuringSnapshot;
    private RedisChannelListener<NewsMessage>? _listener;

    public RedisPresence(
        RedisConnection redis, InProcessMessengerHub local, IDbContextFactory<ApplicationDbContext> dbFactory,
        IOptions<MessengerOptions> options, TimeProvider time, ILogger<RedisPresence> logger)
    {
        (_redis, _local, _dbFactory, _time, _logger) = (redis, local, dbFactory, time, logger);
        if (!redis.Enabled)
        {
            return;
        }

        _keys = [redis.Key("presence:instances"), redis.Key("presence:versions")];
        _instancePrefix = redis.Name("presence:instance:");
        (_heartbeat, _expiry) = (TimeSpan.FromSeconds(options.Value.PresenceHeartbeatSeconds), TimeSpan.FromSeconds(options.Value.PresenceExpirySeconds));
        _listener = new RedisChannelListener<NewsMessage>(redis, "presence", Receive, () => _ = CatchUpAsync(tellViews: true), logger);
        _timer = time.CreateTimer(_ => Tick(), null, _heartbeat, _heartbeat);
        _ = CatchUpAsync(tellViews: false);
    }

    public bool Enabled => _redis.Enabled;

    /// <summary>Online on any instance, as far as this one has heard.</summary>
    public bool IsOnline(string userId)
    {
        lock (_gate)
        {
            return _here.Contains(userId) || (_known.TryGetValue(userId, out var known) && known.Online);
        }
    }

    /// <summary>This server's last circuit of the person went (lastSeenUtc set) or their first one came.</summary>
    public async Task ReportAsync(string userId, DateTime? lastSeenUtc)
    {
        var online = lastSeenUtc is null;
        RedisResult changes;
        await _writing.WaitAsync();
        try
        {
            lock (_gate)
            {
                _ = online ? _here.Add(userId) : _here.Remove(userId);
            }

            changes = await ChangeAsync(online ? "add" : "remove", [userId]);
        }
        catch (RedisException ex)
        {
            // The next heartbeat sets this instance's people right in Redis, and announces what that changes.
            _logger.LogDebug(ex, "Could not report the presence of {UserId}; the next heartbeat will.", userId);
            return;
        }
        finally
        {
            _writing.Release();
        }

        await AnnounceAsync(changes, 0, lastSeenUtc ?? _time.GetUtcNow().UtcDateTime);
    }

    private Task<RedisResult> ChangeAsync(string mode, IEnumerable<string> userIds) =>
        Database.ScriptEvaluateAsync(
            RedisPresenceScripts.Change, _keys,
            [_instancePrefix, _redis.InstanceId, _time.GetUtcNow().ToUnixTimeMilliseconds(), mode, .. userIds.Select(id => (RedisValue)id)]);

    /// <summary>Tells everyone of each change in a script's result (person, online, version), from the given position.</summary>
    private async Task AnnounceAsync(RedisResult result, int start, DateTime offlineSince)
    {
        var items = (RedisResult[])result!;
        for (var i = start; i + 2 < items.Length; i += 3)
        {
            var (userId, online, version) = ((string)items[i]!, (int)items[i + 1] == 1, (long)items[i + 2]);
            try
            {
                var news = await PresenceNews.PrepareAsync(_dbFactory, userId, online ? null : offlineSince);
                await Database.ScriptEvaluateAsync(RedisPresenceScripts.PublishNews, _keys,
                    [_instancePrefix, userId, version, _redis.Name("presence"), MessengerEventJson.Serialize(new NewsMessage(news, version))]);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not announce presence of {UserId}.", userId);
            }
        }
    }

    private IDatabase Database => _redis.Multiplexer.GetDatabase();

    /// <summary>The channel is read in order, one message after another.</summary>
    private void Receive(NewsMessage received)
    {
        bool newer;
        lock (_gate)
        {
            _arrivedDuringSnapshot?.Add((received.News, received.Version));
            newer = Apply(received.News.UserId, received.News.Online, received.Version);
        }

        if (newer)
        {
            received.News.PublishTo(_local);
        }
    }

    /// <summary>
    /// Under the lock: keeps the newest state of a person. The same version as known is still news to tell: a snapshot
    /// read just after the change (and before its news arrived) already holds it.
    /// </summary>
    private bool Apply(string userId, bool online, long version)
    {
        if (_known.TryGetValue(userId, out var known) && known.Version > version)
        {
            return false;
        }

        _known[userId] = new Known(online, version);
        return true;
    }

    private readonly record struct Known(bool Online, long Version);

    /// <summary>What crosses on the presence channel.</summary>
    internal sealed record NewsMessage(PresenceNews News, long Version);
}
