using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Shared;

/// <summary>
/// The one membership rule, and the only place it is written. A current member reads and writes the whole conversation.
/// Someone whose membership ended (removed from a group, or left it) reads what was there up to the Seq that ended it
/// and writes nothing. Anyone else gets nothing: the checks throw <see cref="NotAMemberException"/>, the filters return
/// nothing. The filters are queries that compose inside other EF queries (a captured <see cref="IQueryable{T}"/> is
/// inlined into the SQL), so every read path — pages, search, media, avatars, pins, receipts, typing, reports, and what
/// reads conversations on someone's behalf — asks the same question the same way.
/// </summary>
public static class Membership
{
    public const string AcceptFirst = "Accept the message request first.";

    /// <summary>The people in their conversations now (not those whose membership ended).</summary>
    public static IQueryable<ConversationMember> Current(this IQueryable<ConversationMember> members) =>
        members.Where(m => m.LeftSeq == null);

    /// <summary>The user's membership rows, current and ended: the conversations in their list.</summary>
    public static IQueryable<ConversationMember> MembershipsOf(this ApplicationDbContext db, string userId) =>
        db.ConversationMembers.Where(m => m.UserId == userId);

    /// <summary>
    /// Each membership with the last Seq it may read: the conversation's last for a current member, the one that ended it
    /// for a former one. Read receipts never pass it, and a list shows the last message up to it.
    /// </summary>
    public static IQueryable<MemberReach> Reach(this IQueryable<ConversationMember> members) =>
        members.Select(m => new MemberReach { Member = m, UpTo = m.LeftSeq ?? m.Conversation!.LastSeq });

    /// <summary>The user's row in one conversation (current or ended), or none.</summary>
    public static IQueryable<ConversationMember> MembershipOf(this ApplicationDbContext db, string userId, long conversationId) =>
        db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.UserId == userId);

    /// <summary>The rows of one conversation's current members: whom its events go to, who counts toward its limits.</summary>
    public static IQueryable<ConversationMember> CurrentMembers(this ApplicationDbContext db, long conversationId) =>
        db.ConversationMembers.Current().Where(m => m.ConversationId == conversationId);

    /// <summary>Every message the user may read, in every conversation: the whole of those they are in, and up to the end of those they left.</summary>
    public static IQueryable<Message> MessagesReadableBy(this ApplicationDbContext db, string userId)
    {
        var reach = db.MembershipsOf(userId).Reach();
        return db.Messages.Where(m => reach.Any(r => r.Member.ConversationId == m.ConversationId && m.Seq <= r.UpTo));
    }

    /// <summary>The stored images, files and voice notes of the messages the user may read (and nothing else of a conversation's).</summary>
    public static IQueryable<Data.Media> MediaReadableBy(this ApplicationDbContext db, string userId)
    {
        var readable = db.MessagesReadableBy(userId);
        return db.Media.Where(m => m.ConversationId != null && readable.Any(x => x.MediaId == m.Id));
    }

    /// <summary>The pictures of the groups the user is in now (a group's picture is for its current members).</summary>
    public static IQueryable<string> GroupPicturesSeenBy(this ApplicationDbContext db, string userId) =>
        db.MembershipsOf(userId).Current().Where(m => m.Conversation!.PictureMediaId != null).Select(m => m.Conversation!.PictureMediaId!);

    /// <summary>
    /// The messages of one conversation the user may read; throws for someone who was never in it. Paging, jumping,
    /// catching up and pins all start here.
    /// </summary>
    public static async Task<IQueryable<Message>> ReadableInAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct)
    {
        await db.ReadableUpToAsync(userId, conversationId, ct);
        return db.MessagesReadableBy(userId).AsNoTracking().Where(m => m.ConversationId == conversationId);
    }

    /// <summary>The last Seq the user may read: everything for a current member, up to the end for a former one; throws for anyone else.</summary>
    public static async Task<long> ReadableUpToAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct)
    {
        var row = await db.MembershipOf(userId, conversationId).AsNoTracking()
            .Select(m => new { m.LeftSeq })
            .FirstOrDefaultAsync(ct) ?? throw new NotAMemberException(conversationId);
        return row.LeftSeq ?? long.MaxValue; // a current member reads what comes next too
    }

    /// <summary>Whether the user is in the conversation now.</summary>
    public static Task<bool> IsCurrentMemberAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct) =>
        db.MembershipOf(userId, conversationId).Current().AnyAsync(ct);

    /// <summary>Throws unless the user is in the conversation now: only current members send or change anything.</summary>
    public static async Task EnsureCurrentMemberAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct)
    {
        if (!await db.IsCurrentMemberAsync(userId, conversationId, ct))
        {
            throw new NotAMemberException(conversationId);
        }
    }

    /// <summary>
    /// A message for one of its conversation's current members to act on (tracked, with its media); throws for anyone
    /// else and for an id that does not exist, alike.
    /// </summary>
    public static async Task<Message> MessageForCurrentMemberAsync(this ApplicationDbContext db, string userId, long messageId, CancellationToken ct)
    {
        var message = await db.Messages.Include(m => m.Media).SingleOrDefaultAsync(m => m.Id == messageId, ct)
            ?? throw new NotAMemberException(0);
        await db.EnsureCurrentMemberAsync(userId, message.ConversationId, ct);
        return message;
    }

    /// <summary>A message the user may read (untracked, with its media); throws for anyone else and for an id that does not exist, alike.</summary>
    public static async Task<Message> MessageReadableByAsync(this ApplicationDbContext db, string userId, long messageId, CancellationToken ct) =>
        await db.MessagesReadableBy(userId).AsNoTracking().Include(m => m.Media).SingleOrDefaultAsync(m => m.Id == messageId, ct)
        ?? throw new NotAMemberException(0);

    /// <summary>Whether the conversation is a message request the user has not accepted (they may read it, not act in it).</summary>
    public static Task<bool> IsPendingRequestAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct) =>
        db.MembershipOf(userId, conversationId).AnyAsync(m => m.RequestedUtc != null, ct);

    /// <summary>The current members of the conversations the user is in now: who hears of their presence and profile.</summary>
    public static IQueryable<string> PeopleSharingWith(this ApplicationDbContext db, string userId)
    {
        var mine = db.MembershipsOf(userId).Current();
        return db.ConversationMembers.Current()
            .Where(m => mine.Any(c => c.ConversationId == m.ConversationId))
            .Select(m => m.UserId)
            .Distinct();
    }

    /// <summary>Everyone who is or was in a conversation with the user (a request included): whom they may report.</summary>
    public static IQueryable<string> PeopleEverSharingWith(this ApplicationDbContext db, string userId)
    {
        var mine = db.MembershipsOf(userId);
        return db.ConversationMembers.Where(m => m.UserId != userId && mine.Any(c => c.ConversationId == m.ConversationId))
            .Select(m => m.UserId)
            .Distinct();
    }

    /// <summary>
    /// Pairs of people in one conversation that the first has not accepted (a message request, or a stranger's group):
    /// until they do, the first shows the second nothing of themselves (see Relations).
    /// </summary>
    public static IQueryable<UnansweredRequest> UnansweredRequests(this ApplicationDbContext db) =>
        db.ConversationMembers.Where(m => m.RequestedUtc != null)
            .Join(db.ConversationMembers, m => m.ConversationId, other => other.ConversationId,
                (m, other) => new UnansweredRequest { RequestedId = m.UserId, OtherId = other.UserId });

    /// <summary>
    /// The webhooks that post into one conversation now: bound to it and not deleted. A webhook is never a member; this
    /// is the one conversation it reaches, checked by the writer in the transaction that stores its post.
    /// </summary>
    public static IQueryable<Webhook> LiveHooksOf(this ApplicationDbContext db, long conversationId) =>
        db.Webhooks.Where(h => h.ConversationId == conversationId && h.DeletedUtc == null);

    /// <summary>The current member ids of one conversation: whom its events go to.</summary>
    public static Task<List<string>> CurrentMemberIdsAsync(this ApplicationDbContext db, long conversationId, CancellationToken ct) =>
        db.CurrentMembers(conversationId).Select(m => m.UserId).ToListAsync(ct);
}

/// <summary>One row of <see cref="Membership.Reach"/>.</summary>
public sealed class MemberReach
{
    public required ConversationMember Member { get; init; }

    public required long UpTo { get; init; }
}

/// <summary>One row of <see cref="Membership.UnansweredRequests"/>: RequestedId has not accepted a conversation OtherId is in.</summary>
public sealed class UnansweredRequest
{
    public required string RequestedId { get; init; }

    public required string OtherId { get; init; }
}
