using BlazorMessenger.Data;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Presence;

/// <summary>
/// One change of a person's presence, ready to tell: the people who share a conversation with them, split by whether
/// they may see the last-seen time. Made on the server that saw the change; with Redis it travels as it is, so the
/// other servers tell their own subscribers without asking the database again.
/// </summary>
public sealed record PresenceNews(
    string UserId, bool Online, DateTime? LastSeenUtc, IReadOnlyList<string> Seeing, IReadOnlyList<string> NotSeeing)
{
    /// <summary>Stores the last-seen time first when they went offline (lastSeenUtc set), then finds who is told.</summary>
    public static async Task<PresenceNews> PrepareAsync(
        IDbContextFactory<ApplicationDbContext> dbFactory, string userId, DateTime? lastSeenUtc)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (lastSeenUtc is { } seen)
        {
            await db.Users.Where(u => u.Id == userId && (u.LastSeenUtc == null || u.LastSeenUtc < seen))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenUtc, seen));
        }

        var audience = await db.AudienceOf(userId).Where(id => id != userId).ToListAsync();
        var seeing = lastSeenUtc is null ? audience.ToHashSet() : await db.ViewersOfAsync(userId, audience, CancellationToken.None);
        return new PresenceNews(
            userId, lastSeenUtc is null, lastSeenUtc, audience.Where(seeing.Contains).ToList(), audience.Where(id => !seeing.Contains(id)).ToList());
    }

    /// <summary>Only hands the events over (see IMessengerHub), so callers may do it under their lock.</summary>
    public void PublishTo(IMessengerHub hub)
    {
        hub.Publish(Seeing, new PresenceChanged(UserId, Online, LastSeenUtc));
        hub.Publish(NotSeeing, new PresenceChanged(UserId, Online, null));
    }
}
