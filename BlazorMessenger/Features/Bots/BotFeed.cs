using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots;

/// <summary>The bots of one conversation at one Seq (most conversations have none).</summary>
public sealed record BotsHere(bool IsGroup, IReadOnlyList<BotListener> Listeners)
{
    public static readonly BotsHere None = new(false, []);

    public bool SentByBot(string senderId) => Listeners.Any(b => b.UserId == senderId);
}

/// <summary>
/// Where bots' updates come from: whatever writes a message (the writer, an edit, a reaction) asks which of the
/// conversation's bots hear it and writes their updates in the same transaction, so an update never tells of something
/// the database does not have, and nothing a bot should hear is lost between the commit and its next poll.
/// </summary>
public static class BotFeed
{
    public const string ReactionUpdates = "message_reaction";

    /// <summary>The bots among a set of (conversation, member) pairs, by conversation.</summary>
    public static async Task<Dictionary<long, BotsHere>> ListenersAsync(ApplicationDbContext db, IReadOnlyList<(long ConversationId, string UserId)> botMembers)
    {
        if (botMembers.Count == 0)
        {
            return [];
        }

        var botIds = botMembers.Select(m => m.UserId).Distinct().ToList();
        var conversationIds = botMembers.Select(m => m.ConversationId).Distinct().ToList();
        var bots = await db.Bots.AsNoTracking().Where(b => botIds.Contains(b.UserId))
            .Select(b => new BotListener(b.UserId, b.User!.UserName!, b.PrivacyMode, b.AllowedUpdates != null && b.AllowedUpdates.Contains(ReactionUpdates)))
            .ToDictionaryAsync(b => b.UserId, StringComparer.Ordinal);
        var groups = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Kind == ConversationKind.Group);
        return botMembers.Where(m => bots.ContainsKey(m.UserId)).GroupBy(m => m.ConversationId)
            .ToDictionary(g => g.Key, g => new BotsHere(groups[g.Key], [.. g.Select(m => bots[m.UserId])]));
    }

    /// <summary>The (bot, message) pairs heard among newly written messages.</summary>
    public static List<(string BotId, long MessageId)> Heard(IEnumerable<(ChatMessage Message, string? RepliedToSenderId, BotsHere Bots)> written) =>
        [.. from w in written
            from bot in w.Bots.Listeners
            where BotHearing.Hears(bot, w.Bots.IsGroup, w.Message.SenderId, w.Bots.SentByBot(w.Message.SenderId), w.Message.Kind, w.Message.Body, w.RepliedToSenderId)
            select (bot.UserId, w.Message.Id)];

    /// <summary>The bots in a message's conversation now that were there when it was written (for an edit or a reaction).</summary>
    public static async Task<BotsHere> OfMessageAsync(ApplicationDbContext db, Message message, CancellationToken ct)
    {
        var botMembers = await db.CurrentMembers(message.ConversationId).AsNoTracking()
            .Where(m => m.User!.IsBot && m.JoinedSeq < message.Seq).Select(m => m.UserId).ToListAsync(ct);
        return (await ListenersAsync(db, [.. botMembers.Select(id => (message.ConversationId, id))]))
            .GetValueOrDefault(message.ConversationId, BotsHere.None);
    }

    /// <summary>
    /// Adds (to the context, saved with the reaction) the message_reaction updates of the bots that asked for them and
    /// see the chat's reactions: in a direct chat, or in a group without privacy mode (Telegram tells only group admins).
    /// </summary>
    public static async Task AddReactionAsync(
        ApplicationDbContext db, Message message, string userId, IReadOnlyList<string> before, IReadOnlyList<string> after, DateTime now, CancellationToken ct)
    {
        var bots = await OfMessageAsync(db, message, ct);
        var payload = System.Text.Json.JsonSerializer.Serialize(new ReactionChange(userId, before, after));
        foreach (var bot in bots.Listeners.Where(b => b.Reactions && b.UserId != userId && (!bots.IsGroup || !b.PrivacyMode)))
        {
            db.BotUpdates.Add(new BotUpdate { BotId = bot.UserId, Kind = BotUpdateKind.MessageReaction, MessageId = message.Id, Payload = payload, CreatedUtc = now });
        }
    }

    /// <summary>Adds (to the context, saved with the edit) the edited_message updates of the bots that hear the message.</summary>
    public static async Task AddEditedAsync(ApplicationDbContext db, Message message, DateTime now, CancellationToken ct)
    {
        var bots = await OfMessageAsync(db, message, ct);
        if (bots.Listeners.Count == 0)
        {
            return;
        }

        var repliedTo = message.ReplyToId is { } replyId
            ? await db.Messages.AsNoTracking().Where(m => m.Id == replyId).Select(m => m.SenderId).FirstOrDefaultAsync(ct)
            : null;
        foreach (var bot in bots.Listeners.Where(b =>
                     BotHearing.Hears(b, bots.IsGroup, message.SenderId, bots.SentByBot(message.SenderId), message.Kind, message.Body, repliedTo)))
        {
            db.BotUpdates.Add(new BotUpdate { BotId = bot.UserId, Kind = BotUpdateKind.EditedMessage, MessageId = message.Id, CreatedUtc = now });
        }
    }
}

/// <summary>What a message_reaction update tells: who changed their reactions, from what to what (emoji).</summary>
public sealed record ReactionChange(string UserId, IReadOnlyList<string> Before, IReadOnlyList<string> After);
