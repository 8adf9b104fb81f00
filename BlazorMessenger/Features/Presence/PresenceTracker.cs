using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Presence;

/// <summary>
/// Online while at least one circuit of the user is connected. When the last one goes, the user stays online for a
/// grace period (a reload or a brief network drop is not a flicker), then LastSeenUtc is stored and the people who
/// share a conversation with them are told. Each person's changes are numbered and announced one after another; one
/// that a newer change overtook while it waited is not announced, so a quick offline-then-online never ends as offline.
/// With Redis, these changes of this server are reported to the shared presence, which announces the person's changes
/// across all servers (online while any server has them).
/// </summary>
public sealed class PresenceTracker(
    IMessengerHub hub,
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IOptions<MessengerOptions> options,
    TimeProvider time,
    RedisPresence shared,
    ILogger<PresenceTracker> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _users = new(StringComparer.Ordinal);

    private TimeSpan Grace => TimeSpan.FromSeconds(options.Value.PresenceGraceSeconds);

    /// <summary>Cheap (lists call it while rendering): this server's own count, then what it knows of the others.</summary>
    public bool IsOnline(string userId)
    {
        lock (_gate)
        {
            if (_users.TryGetValue(userId, out var entry) && entry.Online)
            {
                return true;
            }
        }

        return shared.Enabled && shared.IsOnline(userId);
    }

    /// <summary>People online on this server.</summary>
    public int OnlineCount
    {
        get
        {
            lock (_gate)
            {
                return _users.Values.Count(e => e.Online);
            }
        }
    }

    public void ConnectionUp(string userId)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var entry))
            {
                entry = _users[userId] = new Entry();
            }

            entry.Connections++;
            entry.PendingOffline?.Cancel();
            entry.PendingOffline = null;
            if (!entry.Online)
            {
                entry.Online = true;
                Enqueue(userId, entry, null);
            }
        }
    }

    public void ConnectionDown(string userId)
    {
        CancellationTokenSource pending;
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var entry) || --entry.Connections > 0)
            {
                return;
            }

            pending = entry.PendingOffline = new CancellationTokenSource();
        }

        _ = GoOfflineAfterGraceAsync(userId, pending);
    }

    private async Task GoOfflineAfterGraceAsync(string userId, CancellationTokenSource pending)
    {
        try
        {
            await Task.Delay(Grace, time, pending.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var entry) || entry.PendingOffline != pending || entry.Connections > 0)
            {
                return;
            }

            entry.PendingOffline = null;
            entry.Online = false;
            Enqueue(userId, entry, time.GetUtcNow().UtcDateTime);
        }
    }

    /// <summary>Under the lock: numbers the change and queues its announcement behind the person's earlier ones.</summary>
    private void Enqueue(string userId, Entry entry, DateTime? lastSeenUtc)
    {
        var version = ++entry.Version;
        var previous = entry.Announcing;
        // On the thread pool: the caller holds the lock (and may be a circuit's renderer); the database work is not theirs.
        entry.Announcing = Task.Run(() => AnnounceAfterAsync(previous, userId, version, lastSeenUtc));
    }

    private async Task AnnounceAfterAsync(Task previous, string userId, long version, DateTime? lastSeenUtc)
    {
        await previous;
        try
        {
            await AnnounceAsync(userId, version, lastSeenUtc);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not announce presence of {UserId}.", userId);
        }
        finally
        {
            lock (_gate)
            {
                if (_users.TryGetValue(userId, out var entry) && entry is { Version: var current, Online: false, Connections: 0 }
                    && current == version && entry.PendingOffline is null)
                {
                    _users.Remove(userId);
                }
            }
        }
    }

    private async Task AnnounceAsync(string userId, long version, DateTime? lastSeenUtc)
    {
        if (shared.Enabled)
        {
            // The shared presence decides whether everyone's view of the person changed, and tells them if so.
            if (IsCurrent(userId, version))
            {
                await shared.ReportAsync(userId, lastSeenUtc);
            }

            return;
        }

        var news = await PresenceNews.PrepareAsync(dbFactory, userId, lastSeenUtc);
        lock (_gate)
        {
            // Publishing under the lock keeps a newer change from being announced in between the check and the publish.
            if (IsCurrent(userId, version))
            {
                news.PublishTo(hub);
            }
        }
    }

    private bool IsCurrent(string userId, long version)
    {
        lock (_gate)
        {
            return _users.TryGetValue(userId, out var entry) && entry.Version == version;
        }
    }

    private sealed class Entry
    {
        public int Connections { get; set; }

        public bool Online { get; set; }

        public long Version { get; set; }

        public Task Announcing { get; set; } = Task.CompletedTask;

        public CancellationTokenSource? PendingOffline { get; set; }
    }
}
