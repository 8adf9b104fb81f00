using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>A conversation as a bot names it: a group by its negative id, a direct chat by the other person's number.</summary>
public sealed record BotChat(long ConversationId, bool IsGroup, string? PeerId);

/// <summary>
/// Telegram's chat ids to conversations and back. A bot reaches only conversations it is in now: a group it was
/// removed from is 403, one it was never in does not exist for it, and a person who never wrote to it cannot be
/// written to (Telegram's "bot can't initiate conversation with a user").
/// </summary>
public static class BotChats
{
    public const string CantInitiate = "bot can't initiate conversation with a user";

    public static async Task<BotChat> ResolveAsync(ApplicationDbContext db, BotCaller bot, string? chatId, CancellationToken ct)
    {
        if (!long.TryParse(chatId, System.Globalization.CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            throw BotApiException.ChatNotFound();
        }

        if (id < 0)
        {
            var membership = await db.MembershipOf(bot.UserId, -id).AsNoTracking()
                .Where(m => m.Conversation!.Kind == ConversationKind.Group)
                .Select(m => new { m.LeftSeq }).FirstOrDefaultAsync(ct) ?? throw BotApiException.ChatNotFound();
            return membership.LeftSeq is null ? new BotChat(-id, true, null) : throw BotApiException.Forbidden("bot was kicked from the group chat");
        }

        var peerId = await db.UserWithNumberAsync(id, ct);
        if (peerId is null || peerId == bot.UserId)
        {
            throw BotApiException.ChatNotFound();
        }

        var key = Conversation.DirectKeyFor(bot.UserId, peerId);
        var conversationId = await db.MembershipsOf(bot.UserId).Current().Where(m => m.Conversation!.DirectKey == key)
            .Select(m => (long?)m.ConversationId).FirstOrDefaultAsync(ct);
        if (conversationId is not { } found || !await db.Messages.AnyAsync(m => m.ConversationId == found && m.SenderId == peerId, ct))
        {
            throw BotApiException.Forbidden(CantInitiate);
        }

        return new BotChat(found, false, peerId);
    }

    /// <summary>The chats of these conversations as the bot sees them.</summary>
    public static async Task<Dictionary<long, TgChat>> DescribeAsync(ApplicationDbContext db, string botId, IReadOnlyCollection<long> conversationIds, CancellationToken ct)
    {
        var conversations = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.Kind, c.Title,
                Peer = c.Members.Where(m => m.UserId != botId).Select(m => new { m.UserId, m.User!.UserName, m.User.DisplayName }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var numbers = await db.OfAsync([.. conversations.Where(c => c.Kind == ConversationKind.Direct && c.Peer != null).Select(c => c.Peer!.UserId)], ct);
        return conversations.ToDictionary(c => c.Id, c => c.Kind == ConversationKind.Group || c.Peer is null
            ? new TgChat(-c.Id, "group", Title: c.Title)
            : new TgChat(numbers[c.Peer.UserId], "private", Username: c.Peer.UserName, FirstName: ChatPeer.NameOf(c.Peer.UserName!, c.Peer.DisplayName)));
    }

    public static async Task<TgChat> DescribeAsync(ApplicationDbContext db, string botId, long conversationId, CancellationToken ct) =>
        (await DescribeAsync(db, botId, [conversationId], ct))[conversationId];
}
