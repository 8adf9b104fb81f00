using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Reading and writing conversations. Every method takes the caller's user id (from the circuit's authentication
/// state) and checks membership against the database before it reads or writes anything.
/// </summary>
public sealed partial class ChatService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    MessageWriter writer,
    SendRefusals refusals)
{
    public const string NotInConversation = "You are not in this conversation.";

    /// <summary>The caller's direct conversation with the named person, or null when there is none they belong to.</summary>
    public async Task<OpenConversation?> OpenDirectAsync(string userId, string peerUserName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = peerUserName.Trim().ToUpperInvariant();
        var peer = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized)
            .Select(u => new ChatPeer(u.Id, u.UserName!, u.DisplayName, u.LastSeenUtc, u.AvatarMediaId, false, u.IsBot))
            .FirstOrDefaultAsync(ct);
        if (peer is null || peer.UserId == userId)
        {
            return null;
        }

        var lastSeen = await db.ForViewerAsync(userId, [peer.UserId], ct);
        peer = (peer with { LastSeenUtc = lastSeen(peer.UserId, peer.LastSeenUtc) }).MaskedFor(await db.HidingFromAsync(userId, [peer.UserId], ct));
        var key = Conversation.DirectKeyFor(userId, peer.UserId);
        var mine = await db.MembershipsOf(userId).AsNoTracking()
            .Where(m => m.Conversation!.DirectKey == key)
            .Select(m => new { m.ConversationId, m.Conversation!.LastSeq, m.LastReadSeq, m.RequestedUtc })
            .FirstOrDefaultAsync(ct);
        if (mine is null)
        {
            return null;
        }

        var people = new Dictionary<string, ChatPeer>(StringComparer.Ordinal) { [peer.UserId] = peer };
        await db.AddHooksAsync(mine.ConversationId, people, ct);
        return new OpenConversation(mine.ConversationId, peer.Name, peer, people, mine.LastSeq, mine.LastReadSeq, IsRequest: mine.RequestedUtc is not null);
    }

    /// <summary>Up to PageSize messages before beforeSeq (the newest ones when null), oldest first. Keyset paging.</summary>
    public async Task<IReadOnlyList<ChatMessage>> GetPageAsync(
        string userId, long conversationId, long? beforeSeq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = (await db.ReadableInAsync(userId, conversationId, ct)).NotHiddenFrom(db, userId);
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
        var messages = (await db.ReadableInAsync(userId, conversationId, ct)).NotHiddenFrom(db, userId);
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
        var after = await (await db.ReadableInAsync(userId, conversationId, ct)).NotHiddenFrom(db, userId)
            .Where(m => m.Seq > afterSeq)
            .OrderBy(m => m.Seq)
            .Take(limit)
            .Select(ToRecord)
            .ToListAsync(ct);
        return await MessageExtras.CompleteAsync(db, after, ct);
    }

    /// <summary>The message's own columns; <see cref="MessageExtras.CompleteAsync"/> adds quotes and reactions.</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<Message, ChatMessage>> ToRecord = m =>
        new ChatMessage(m.Id, m.ConversationId, m.Seq, m.SenderId, m.ClientMessageId, m.Kind, m.Body, m.CreatedUtc, m.EditedUtc,
            m.Media == null || m.Media.Kind != MediaKind.Image ? null
                : new ChatImage(m.Media.Id, m.Media.Width, m.Media.Height, m.Media.ThumbWidth, m.Media.ThumbHeight),
            m.DeletedUtc, m.ReplyToId, null, m.Forwarded, m.PinnedUtc,
            m.Media == null || m.Media.Kind == MediaKind.Image ? null
                : new ChatFile(m.Media.Id, m.Media.FileName ?? "file", m.Media.Bytes, m.Media.ContentType, m.Media.DurationMs),
            null, Hooks.MessageCard.FromJson(m.Card));
}
