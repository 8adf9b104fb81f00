using BlazorMessenger.Features.Safety;
using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Presence;

/// <summary>
/// Online while at least one circuit of the user is connected. When the last one goes, the user stays online for a
/// grace period (a reload or a brief network drop is not a flicker), then LastSeenUtc is stored and the people who
/// share a conversation with them are told.
/// </summary>
public sealed class PresenceTracker(
    IMessengerHub hub,
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IOptions<MessengerOptions> options,
    TimeProvider time,
    ILogger<PresenceTracker> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _users = new(StringComparer.Ordinal);

    private TimeSpan Grace => TimeSpan.FromSeconds(options.Value.PresenceGraceSeconds);

    public bool IsOnline(string userId)
    {
        lock (_gate)
        {
            return _users.ContainsKey(userId);
        }
    }

    public void ConnectionUp(string userId)
    {
        bool cameOnline;
        lock (_gate)
        {
            cameOnline = !_users.TryGetValue(userId, out var entry);
            entry ??= _users[userId] = new Entry();
            entry.Connections++;
            entry.PendingOffline?.Cancel();
            entry.PendingOffline = null;
        }

        if (cameOnline)
        {
            _ = AnnounceAsync(userId, true, null);
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

            _users.Remove(userId);
        }

        await AnnounceAsync(userId, false, time.GetUtcNow().UtcDateTime);
    }

    private async Task AnnounceAsync(string userId, bool online, DateTime? lastSeenUtc)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            if (lastSeenUtc is { } seen)
            {
                await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenUtc, seen));
            }

            var audience = await db.AudienceOf(userId).Where(id => id != userId).ToListAsync();
            var seeing = lastSeenUtc is null ? audience.ToHashSet() : await db.ViewersOfAsync(userId, audience, CancellationToken.None);
            hub.Publish(audience.Where(seeing.Contains), new PresenceChanged(userId, online, lastSeenUtc));
            hub.Publish(audience.Where(id => !seeing.Contains(id)), new PresenceChanged(userId, online, null));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not announce presence of {UserId}.", userId);
        }
    }

    private sealed class Entry
    {
        public int Connections { get; set; }

        public CancellationTokenSource? PendingOffline { get; set; }
    }

    /// <summary>People online now, those within their grace period included (read by the metrics).</summary>
    public int OnlineCount
    {
        get
        {
            lock (_gate)
            {
                return _users.Count;
            }
        }
    }
}
