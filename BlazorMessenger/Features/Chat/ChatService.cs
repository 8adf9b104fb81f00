using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Realtime;
using BlazorMessenger.Hosting;
using BlazorMessenger.Hosting.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Reading and writing conversations. Every method takes the caller's user id (from the circuit's authentication
/// state) and checks membership against the database before it reads or writes anything.
/// </summary>
public sealed partial class ChatService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IMessengerHub hub,
    UserRateLimiter rateLimiter,
    MessageWriter writer,
    ImageProcessor images,
    MediaStore mediaStore,
    SendRefusals refusals,
    IOptions<MessengerOptions> options,
    MessengerMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// The caller's conversations, newest activity first. A group the caller left or was removed from stays, as it was
    /// up to then (its last message, its count), so what they could see stays findable.
    /// </summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(string userId, CancellationToken ct = default)
    {
        var (myToken, everyone) = (Mentions.Token(userId), Mentions.Token(Mentions.All));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ConversationMembers.AsNoTracking()
            .Where(me => me.UserId == userId)
            .Select(me => new
            {
                me.ConversationId,
                me.LastReadSeq,
                me.DeliveredSeq,
                me.MutedUntilUtc,
                me.LeftSeq,
                me.RequestedUtc,
                me.DismissedSeq,
                me.Conversation!.Kind,
                Title = me.TitleWhenLeft ?? me.Conversation.Title,
                PictureMediaId = me.LeftSeq == null ? me.Conversation.PictureMediaId : null,
                me.Conversation.CreatedUtc,
                LastSeq = me.LeftSeq ?? me.Conversation.LastSeq,
                MentionsOfMe = me.LeftSeq == null && me.Conversation.Kind == ConversationKind.Group
                    ? db.Messages.Count(x => x.ConversationId == me.ConversationId && x.Seq > me.LastReadSeq && x.SenderId != userId
                                             && x.DeletedUtc == null && (x.Body.Contains(myToken) || x.Body.Contains(everyone)))
                    : 0,
                Peer = me.Conversation.Members.Where(m => m.UserId != userId)
                    .Select(m => new ChatPeer(m.UserId, m.User!.UserName!, m.User.DisplayName, null, m.User.AvatarMediaId))
                    .FirstOrDefault(),
                Last = db.Messages.Where(x => x.ConversationId == me.ConversationId && x.Seq == me.Conversation.LastSeq)
                    .Select(x => new LastRow(x.ConversationId, x.Seq, x.Body, x.SenderId, x.Kind, x.CreatedUtc, x.DeletedUtc != null))
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);

        // A group the reader left shows its last message up to then (a second query: SQLite cannot join on "LeftSeq ?? LastSeq").
        var endedIds = rows.Where(r => r.LeftSeq is not null).Select(r => r.ConversationId).ToList();
        var endedLast = endedIds.Count == 0 ? [] : await db.Messages.AsNoTracking()
            .Where(x => endedIds.Contains(x.ConversationId) && db.ConversationMembers.Any(m =>
                m.UserId == userId && m.ConversationId == x.ConversationId && m.LeftSeq == x.Seq))
            .Select(x => new LastRow(x.ConversationId, x.Seq, x.Body, x.SenderId, x.Kind, x.CreatedUtc, x.DeletedUtc != null))
            .ToListAsync(ct);
        rows = [.. rows.Select(r => r.LeftSeq is null ? r : r with { Last = endedLast.FirstOrDefault(x => x.ConversationId == r.ConversationId) })];
        var senderIds = rows.Where(r => r.Last is not null && r.Kind == ConversationKind.Group)
            .SelectMany(r => Mentions.Ids(r.Last!.Body).Append(r.Last.SenderId)).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => senderIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.UserName, Name: string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName! : u.DisplayName), ct);
        var hiding = await db.HidingFromAsync(userId, [.. rows.Where(r => r.Peer is not null).Select(r => r.Peer!.UserId)], ct);

        // A request shows once it has a message, and a deleted one again only with a newer message.
        return rows
            .Where(r => r.Kind == ConversationKind.Group || r.Peer is not null)
            .Where(r => r.RequestedUtc is null || r.LastSeq > (r.DismissedSeq ?? 0))
            .Select(r =>
            {
                var peer = r.Kind == ConversationKind.Group ? null : r.Peer!.MaskedFor(hiding);
                return new ConversationSummary(
                    r.ConversationId, peer?.Name ?? r.Title ?? "", peer, peer is null ? r.PictureMediaId : peer.AvatarId,
                    r.Last is null ? null : r.Last.Deleted ? MessageRules.DeletedText
                        : MessageRules.Preview(r.Last.Kind, Mentions.Decode(r.Last.Body, id => people.GetValueOrDefault(id).UserName)),
                    r.Last?.SenderId, DateTime.SpecifyKind(r.Last?.CreatedUtc ?? r.CreatedUtc, DateTimeKind.Utc), r.LastSeq, r.LastReadSeq,
                    r.Last?.Kind, r.Last is null ? null : people.GetValueOrDefault(r.Last.SenderId).Name, r.LeftSeq, r.MentionsOfMe,
                    r.DeliveredSeq, r.MutedUntilUtc, r.RequestedUtc is not null);
            })
            .OrderByDescending(s => s.LastActivityUtc)
            .ToList();
    }

    /// <summary>The caller's direct conversation with the named person, or null when there is none they belong to.</summary>
    public async Task<OpenConversation?> OpenDirectAsync(string userId, string peerUserName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = peerUserName.Trim().ToUpperInvariant();
        var peer = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => new ChatPeer(u.Id, u.UserName!, u.DisplayName, u.LastSeenUtc, u.AvatarMediaId))
            .FirstOrDefaultAsync(ct);
        if (peer is null || peer.UserId == userId)
        {
            return null;
        }

        var lastSeen = await db.ForViewerAsync(userId, [peer.UserId], ct);
        peer = (peer with { LastSeenUtc = lastSeen(peer.UserId, peer.LastSeenUtc) }).MaskedFor(await db.HidingFromAsync(userId, [peer.UserId], ct));
        var key = Conversation.DirectKeyFor(userId, peer.UserId);
        var mine = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.Conversation!.DirectKey == key)
            .Select(m => new { m.ConversationId, m.Conversation!.LastSeq, m.LastReadSeq, m.RequestedUtc })
            .FirstOrDefaultAsync(ct);
        return mine is null
            ? null
            : new OpenConversation(mine.ConversationId, peer.Name, peer, new Dictionary<string, ChatPeer> { [peer.UserId] = peer },
                mine.LastSeq, mine.LastReadSeq, IsRequest: mine.RequestedUtc is not null);
    }

    /// <summary>Up to PageSize messages before beforeSeq (the newest ones when null), oldest first. Keyset paging.</summary>
    public async Task<IReadOnlyList<ChatMessage>> GetPageAsync(
        string userId, long conversationId, long? beforeSeq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = await ReadableAsync(db, userId, conversationId, ct);
        if (beforeSeq is { } before)
        {
            query = query.Where(m => m.Seq < before);
        }

        var page = await query.OrderByDescending(m => m.Seq).Take(MessageRules.PageSize).Select(ToRecord).ToListAsync(ct);
        page.Reverse();
        return await MessageExtras.CompleteAsync(db, page, ct);
    }

    /// <summary>The page around seq (for jumping to a search result): up to 25 before it, it, and up to 25 after.</summary>
    public async Task<IReadOnlyList<ChatMessage>> GetAroundAsync(
        string userId, long conversationId, long seq, CancellationToken ct = default)
    {
        var half = MessageRules.PageSize / 2;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = await ReadableAsync(db, userId, conversationId, ct);
        var before = await messages.Where(m => m.Seq <= seq).OrderByDescending(m => m.Seq).Take(half).Select(ToRecord).ToListAsync(ct);
        var after = await messages.Where(m => m.Seq > seq).OrderBy(m => m.Seq).Take(half).Select(ToRecord).ToListAsync(ct);
        before.Reverse();
        return await MessageExtras.CompleteAsync(db, [.. before, .. after], ct);
    }

    /// <summary>Messages after afterSeq, oldest first: first load, reconnect and gap repair all read this way.</summary>
    public Task<IReadOnlyList<ChatMessage>> GetAfterAsync(
        string userId, long conversationId, long afterSeq, CancellationToken ct = default) =>
        GetAfterAsync(userId, conversationId, afterSeq, MessageRules.CatchUpLimit, ct);

    /// <summary>Up to limit messages after afterSeq, oldest first (the next page, scrolling back down).</summary>
    public async Task<IReadOnlyList<ChatMessage>> GetAfterAsync(
        string userId, long conversationId, long afterSeq, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var after = await (await ReadableAsync(db, userId, conversationId, ct))
            .Where(m => m.Seq > afterSeq)
            .OrderBy(m => m.Seq)
            .Take(limit)
            .Select(ToRecord)
            .ToListAsync(ct);
        return await MessageExtras.CompleteAsync(db, after, ct);
    }

    private sealed record LastRow(long ConversationId, long Seq, string Body, string SenderId, MessageKind Kind, DateTime CreatedUtc, bool Deleted);

    /// <summary>The message's own columns; <see cref="MessageExtras.CompleteAsync"/> adds quotes and reactions.</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<Message, ChatMessage>> ToRecord = m =>
        new ChatMessage(m.Id, m.ConversationId, m.Seq, m.SenderId, m.ClientMessageId, m.Kind, m.Body, m.CreatedUtc, m.EditedUtc,
            m.Media == null || m.Media.Kind != MediaKind.Image ? null
                : new ChatImage(m.Media.Id, m.Media.Width, m.Media.Height, m.Media.ThumbWidth, m.Media.ThumbHeight),
            m.DeletedUtc, m.ReplyToId, null, m.Forwarded, m.PinnedUtc,
            m.Media == null || m.Media.Kind == MediaKind.Image ? null
                : new ChatFile(m.Media.Id, m.Media.FileName ?? "file", m.Media.Bytes, m.Media.ContentType, m.Media.DurationMs),
            null);

    /// <summary>The conversation's messages the user may read (see <see cref="Membership"/>); throws for strangers.</summary>
    private static async Task<IQueryable<Message>> ReadableAsync(ApplicationDbContext db, string userId, long conversationId, CancellationToken ct)
    {
        var upTo = await db.ReadableUpToAsync(userId, conversationId, ct);
        return db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Seq <= upTo);
    }
}
