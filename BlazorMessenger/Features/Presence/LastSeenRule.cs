using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Presence;

/// <summary>
/// Who sees whose "last seen": the owner's setting allows everyone, their contacts (people they added) or nobody, and
/// someone who shares theirs with nobody sees nobody's (as in WhatsApp). Every place a last-seen time leaves the server
/// (the chat header, the profile card, presence events) goes through here.
/// </summary>
public static class LastSeenRule
{
    /// <summary>The viewer's filter for these owners' times: the time itself, or null where it is hidden from them.</summary>
    public static async Task<Func<string, DateTime?, DateTime?>> ForViewerAsync(
        this ApplicationDbContext db, string viewerId, IReadOnlyCollection<string> ownerIds, CancellationToken ct)
    {
        var viewerShares = await db.Users.Where(u => u.Id == viewerId).Select(u => u.LastSeenAudience != LastSeenAudience.Nobody).SingleAsync(ct);
        if (!viewerShares)
        {
            return (_, _) => null;
        }

        var visible = await db.Users.Where(u => ownerIds.Contains(u.Id)).Where(SharedWith(db, viewerId)).Select(u => u.Id).ToListAsync(ct);
        return (ownerId, seen) => ownerId == viewerId || visible.Contains(ownerId) ? seen : null;
    }

    /// <summary>Those of the viewers who may see the owner's last seen.</summary>
    public static async Task<IReadOnlySet<string>> ViewersOfAsync(
        this ApplicationDbContext db, string ownerId, IReadOnlyCollection<string> viewerIds, CancellationToken ct)
    {
        var owner = await db.Users.Where(u => u.Id == ownerId).Select(u => u.LastSeenAudience).SingleAsync(ct);
        if (owner == LastSeenAudience.Nobody)
        {
            return new HashSet<string>();
        }

        var viewers = db.Users.Where(u => viewerIds.Contains(u.Id) && u.LastSeenAudience != LastSeenAudience.Nobody);
        if (owner == LastSeenAudience.Contacts)
        {
            viewers = viewers.Where(u => db.Contacts.Any(c => c.OwnerId == ownerId && c.ContactUserId == u.Id));
        }

        return (await viewers.Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    private static System.Linq.Expressions.Expression<Func<ApplicationUser, bool>> SharedWith(ApplicationDbContext db, string viewerId) =>
        u => u.LastSeenAudience == LastSeenAudience.Everyone
             || (u.LastSeenAudience == LastSeenAudience.Contacts && db.Contacts.Any(c => c.OwnerId == u.Id && c.ContactUserId == viewerId));
}
