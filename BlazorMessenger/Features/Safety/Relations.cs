using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Safety;

/// <summary>
/// The one rule for what people show each other beyond their username. Someone hides their presence, picture and
/// display name from a person they blocked, and from a stranger whose message request they have not accepted; and a
/// person they blocked shows them none of it either (in a group they still share). Every place a person is shown to
/// another, or told of their changes, goes through here.
/// </summary>
public static class Relations
{
    /// <summary>Of these subjects, those who hide from the viewer.</summary>
    public static async Task<IReadOnlySet<string>> HidingFromAsync(
        this ApplicationDbContext db, string viewerId, IReadOnlyCollection<string> subjectIds, CancellationToken ct)
    {
        var requests = db.UnansweredRequests();
        var hiding = await db.Users.Where(u => subjectIds.Contains(u.Id) && u.Id != viewerId)
            .Where(u => db.Blocks.Any(b => (b.BlockerId == u.Id && b.BlockedId == viewerId) || (b.BlockerId == viewerId && b.BlockedId == u.Id))
                        || requests.Any(r => r.RequestedId == u.Id && r.OtherId == viewerId))
            .Select(u => u.Id)
            .ToListAsync(ct);
        return hiding.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The same rule for many viewers at once (one message's notifications): for each viewer, the subjects who hide
    /// from them. Two queries, whatever the number of viewers.
    /// </summary>
    public static async Task<ILookup<string, string>> HidingFromEachAsync(
        this ApplicationDbContext db, IReadOnlyCollection<string> viewerIds, IReadOnlyCollection<string> subjectIds, CancellationToken ct)
    {
        var blocks = await db.Blocks
            .Where(b => (subjectIds.Contains(b.BlockerId) && viewerIds.Contains(b.BlockedId)) || (viewerIds.Contains(b.BlockerId) && subjectIds.Contains(b.BlockedId)))
            .Select(b => new { b.BlockerId, b.BlockedId })
            .ToListAsync(ct);
        var requests = await db.UnansweredRequests().Where(r => subjectIds.Contains(r.RequestedId) && viewerIds.Contains(r.OtherId))
            .Select(r => new { Viewer = r.OtherId, Subject = r.RequestedId })
            .ToListAsync(ct);
        var viewers = viewerIds.ToHashSet(StringComparer.Ordinal);
        var subjects = subjectIds.ToHashSet(StringComparer.Ordinal);
        return blocks.SelectMany(b => new[] { (Viewer: b.BlockedId, Subject: b.BlockerId), (Viewer: b.BlockerId, Subject: b.BlockedId) })
            .Concat(requests.Select(r => (r.Viewer, r.Subject)))
            .Where(p => p.Viewer != p.Subject && viewers.Contains(p.Viewer) && subjects.Contains(p.Subject))
            .ToLookup(p => p.Viewer, p => p.Subject, StringComparer.Ordinal);
    }

    /// <summary>The peer as this viewer may see them.</summary>
    public static ChatPeer MaskedFor(this ChatPeer peer, IReadOnlySet<string> hiding) =>
        hiding.Contains(peer.UserId) ? peer with { DisplayName = null, AvatarId = null, LastSeenUtc = null, Hidden = true } : peer;

    /// <summary>Who hears of the subject's presence and profile changes: the people they share a conversation with, less those they hide from.</summary>
    public static IQueryable<string> AudienceOf(this ApplicationDbContext db, string subjectId)
    {
        var requests = db.UnansweredRequests();
        return db.PeopleSharingWith(subjectId)
            .Where(id => !db.Blocks.Any(b => (b.BlockerId == subjectId && b.BlockedId == id) || (b.BlockerId == id && b.BlockedId == subjectId)))
            .Where(id => !requests.Any(r => r.RequestedId == subjectId && r.OtherId == id));
    }

    /// <summary>
    /// Why the recipient of a direct conversation takes no message (or edit) from the sender, or null: they blocked the
    /// sender, they take messages from their contacts only and the sender is not one, or their account is gone. A block
    /// and "contacts only" give the same answer, so the refusal doesn't tell which.
    /// </summary>
    public static async Task<string?> RefusalAsync(this ApplicationDbContext db, string senderId, long conversationId, CancellationToken ct)
    {
        var recipient = await db.CurrentMembers(conversationId).AsNoTracking()
            .Where(m => m.UserId != senderId && m.Conversation!.Kind == ConversationKind.Direct)
            .Select(m => new
            {
                m.User!.DeletedUtc,
                Blocked = db.Blocks.Any(b => b.BlockerId == m.UserId && b.BlockedId == senderId),
                ContactsOnly = m.User.MessagesFrom == MessageAudience.Contacts
                               && !db.Contacts.Any(c => c.OwnerId == m.UserId && c.ContactUserId == senderId),
            })
            .FirstOrDefaultAsync(ct);
        return recipient switch
        {
            null => null,
            { DeletedUtc: not null } => DeletedAccount,
            { Blocked: true } or { ContactsOnly: true } => NotAccepting,
            _ => null,
        };
    }

    public const string NotAccepting = "This person isn't accepting messages from you.";

    /// <summary>Whether the person may add the other to a group: not if the other blocked them, or takes groups only from contacts.</summary>
    public static IQueryable<ApplicationUser> RefusingGroupsFrom(this ApplicationDbContext db, string actorId) =>
        db.Users.Where(u => db.Blocks.Any(b => b.BlockerId == u.Id && b.BlockedId == actorId)
                            || (u.MessagesFrom == MessageAudience.Contacts && !db.Contacts.Any(c => c.OwnerId == u.Id && c.ContactUserId == actorId)));

    public const string DeletedAccount = "This account was deleted.";
}
