using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features;

/// <summary>
/// The one membership rule. A current member reads and writes the whole conversation. Someone whose membership ended
/// (removed from a group, or left it) reads what was there up to the Seq that ended it and writes nothing. Anyone else
/// gets nothing: the methods throw <see cref="NotAMemberException"/>.
/// </summary>
public static class Membership
{
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

    /// <summary>Whether the conversation is a message request the user has not accepted (they may read it, not act in it).</summary>
    public static Task<bool> IsPendingRequestAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct) =>
        db.ConversationMembers.AnyAsync(m => m.ConversationId == conversationId && m.UserId == userId && m.RequestedUtc != null, ct);

    public const string AcceptFirst = "Accept the message request first.";

    /// <summary>The people in their conversations now (not those whose membership ended).</summary>
    public static IQueryable<ConversationMember> Current(this IQueryable<ConversationMember> members) =>
        members.Where(m => m.LeftSeq == null);

    /// <summary>The last Seq the user may read: everything for a current member, up to the end for a former one.</summary>
    public static async Task<long> ReadableUpToAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct)
    {
        var row = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.UserId == userId)
            .Select(m => new { m.LeftSeq })
            .FirstOrDefaultAsync(ct) ?? throw new NotAMemberException(conversationId);
        return row.LeftSeq ?? long.MaxValue;
    }

    /// <summary>Throws unless the user is in the conversation now: only current members send or change anything.</summary>
    public static async Task EnsureCurrentMemberAsync(this ApplicationDbContext db, string userId, long conversationId, CancellationToken ct)
    {
        if (!await db.ConversationMembers.Current().AnyAsync(m => m.ConversationId == conversationId && m.UserId == userId, ct))
        {
            throw new NotAMemberException(conversationId);
        }
    }

    /// <summary>The current members of the conversations the user is in now: who hears of their presence and profile.</summary>
    public static IQueryable<string> PeopleSharingWith(this ApplicationDbContext db, string userId) =>
        db.ConversationMembers.Current()
            .Where(m => db.ConversationMembers.Current().Any(mine => mine.UserId == userId && mine.ConversationId == m.ConversationId))
            .Select(m => m.UserId)
            .Distinct();

    /// <summary>The current member ids of one conversation: whom its events go to.</summary>
    public static Task<List<string>> CurrentMemberIdsAsync(this ApplicationDbContext db, long conversationId, CancellationToken ct) =>
        db.ConversationMembers.Current().Where(m => m.ConversationId == conversationId).Select(m => m.UserId).ToListAsync(ct);
}
