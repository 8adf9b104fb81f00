using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Receipts;

/// <summary>
/// Delivered and read positions: marks come only from a member's own tab (the log's script for reading, the
/// conversation list's acknowledged render for delivery), through <see cref="ReceiptWriter"/>. Every method checks the
/// caller's membership against the database; read positions are shown only where both people share read receipts.
/// </summary>
public sealed class ReceiptService(IDbContextFactory<ApplicationDbContext> dbFactory, ReceiptWriter writer)
{
    /// <summary>Marks the conversation read up to seq (never backwards, never past what the reader may read); answers the position.</summary>
    public Task<long> MarkReadAsync(string userId, long conversationId, long seq, CancellationToken ct = default) =>
        writer.MarkAsync(userId, conversationId, seq, ReceiptKind.Read, ct);

    /// <summary>One of the user's tabs shows each conversation up to the given Seq; conversations they are not in are skipped.</summary>
    public async Task MarkDeliveredAsync(string userId, IReadOnlyDictionary<long, long> upTo, CancellationToken ct = default)
    {
        var marks = upTo.Select(p => writer.MarkAsync(userId, p.Key, p.Value, ReceiptKind.Delivered, ct)).ToList();
        foreach (var mark in marks)
        {
            try
            {
                await mark;
            }
            catch (NotAMemberException)
            {
                // A conversation the list still showed as the membership ended: nothing to deliver.
            }
        }
    }

    /// <summary>
    /// The other current members' positions, as the caller may see them (see <see cref="ReceiptPositions"/>); none for
    /// someone no longer in the group (what the others read after they left is not theirs to know).
    /// </summary>
    public async Task<ReceiptPositions> PositionsAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ReadableUpToAsync(userId, conversationId, ct) != long.MaxValue)
        {
            return ReceiptPositions.None;
        }

        var viewerHides = await HidesAsync(db, userId, ct);
        // A bot is no person to wait for in a group; in a direct chat with one, its ticks say what it took.
        var others = await db.CurrentMembers(conversationId).AsNoTracking()
            .Where(m => m.UserId != userId && (!m.User!.IsBot || m.Conversation!.Kind == ConversationKind.Direct))
            .Select(m => new { m.UserId, m.DeliveredSeq, m.LastReadSeq, m.User!.HidesReadReceipts, Request = m.RequestedUtc != null })
            .ToListAsync(ct);
        // A member who has not accepted the viewer's request shows nothing: positions would tell they are around.
        return new ReceiptPositions(others.ToDictionary(
            m => m.UserId,
            m => m.Request ? new MemberPosition(m.UserId, 0, null)
                : new MemberPosition(m.UserId, m.DeliveredSeq, MemberPosition.Shares(viewerHides, m.HidesReadReceipts) ? m.LastReadSeq : null)));
    }

    /// <summary>
    /// For the sender of a group message: each member who was in the group when it was sent, whether and when it was
    /// delivered to them and read by them. Null for a message that is not the caller's, or for a group they left.
    /// </summary>
    public async Task<IReadOnlyList<MessageReceipt>?> MessageInfoAsync(string userId, long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.MessageReadableByAsync(userId, messageId, ct);
        if (message.SenderId != userId || !await db.IsCurrentMemberAsync(userId, message.ConversationId, ct))
        {
            return null;
        }

        var viewerHides = await HidesAsync(db, userId, ct);
        var members = await db.CurrentMembers(message.ConversationId).AsNoTracking()
            .Where(m => m.UserId != userId && m.JoinedSeq < message.Seq && !m.User!.IsBot)
            .Select(m => new
            {
                m.UserId, m.User!.UserName, m.User.DisplayName, m.User.AvatarMediaId, m.User.HidesReadReceipts, m.DeliveredSeq, m.LastReadSeq,
                DeliveredUtc = db.Receipts.Where(r => r.ConversationId == m.ConversationId && r.UserId == m.UserId
                                                     && r.Kind == ReceiptKind.Delivered && r.Seq >= message.Seq).Min(r => (DateTime?)r.AtUtc),
                ReadUtc = db.Receipts.Where(r => r.ConversationId == m.ConversationId && r.UserId == m.UserId
                                                && r.Kind == ReceiptKind.Read && r.Seq >= message.Seq).Min(r => (DateTime?)r.AtUtc),
            })
            .ToListAsync(ct);
        return members
            .Select(m =>
            {
                var read = MemberPosition.Shares(viewerHides, m.HidesReadReceipts) && m.LastReadSeq >= message.Seq;
                var delivered = m.DeliveredSeq >= message.Seq;
                return new MessageReceipt(m.UserId, ChatPeer.NameOf(m.UserName!, m.DisplayName), m.AvatarMediaId,
                    delivered, delivered ? Utc(m.DeliveredUtc ?? m.ReadUtc) : null, read, read ? Utc(m.ReadUtc) : null);
            })
            .OrderByDescending(m => m.Read).ThenByDescending(m => m.Delivered).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    private static Task<bool> HidesAsync(ApplicationDbContext db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.HidesReadReceipts).SingleAsync(ct);

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
