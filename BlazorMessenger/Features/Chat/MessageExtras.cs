using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

/// <summary>What a message shows beside its own columns: the quote of the message it answers, and its reactions.</summary>
public static class MessageExtras
{
    /// <summary>Adds quotes and reactions to messages read from one conversation: two queries at most, none when there is nothing.</summary>
    public static async Task<List<ChatMessage>> CompleteAsync(ApplicationDbContext db, List<ChatMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return messages;
        }

        var conversationId = messages[0].ConversationId;
        var quoted = messages.Where(m => m.ReplyToId is not null).Select(m => m.ReplyToId!.Value).Distinct().ToList();
        var quotes = quoted.Count == 0 ? [] : await QuotesAsync(db, conversationId, quoted, ct);
        var ids = messages.Select(m => m.Id).ToList();
        var reactions = await ReactionsAsync(db, ids, ct);
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            var quote = m.ReplyToId is { } replyTo ? quotes.GetValueOrDefault(replyTo) : null;
            var groups = reactions.GetValueOrDefault(m.Id);
            if (quote is not null || groups is not null)
            {
                messages[i] = m with { ReplyTo = quote, Reactions = groups };
            }
        }

        return messages;
    }

    /// <summary>The quotes of messages in one conversation (a reply never points into another).</summary>
    public static async Task<Dictionary<long, ChatQuote>> QuotesAsync(
        ApplicationDbContext db, long conversationId, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.ConversationId == conversationId)
            .Select(m => new ChatQuote(m.Id, m.Seq, m.SenderId, m.Kind, m.Body.Substring(0, ChatQuote.TextLength), m.DeletedUtc != null,
                m.Media == null ? null : m.Media.FileName))
            .ToDictionaryAsync(q => q.Id, ct);

    /// <summary>Reactions of the messages, grouped by emoji in the order each emoji was first given.</summary>
    public static async Task<Dictionary<long, IReadOnlyList<ReactionGroup>>> ReactionsAsync(
        ApplicationDbContext db, IReadOnlyCollection<long> messageIds, CancellationToken ct)
    {
        var rows = await db.Reactions.AsNoTracking()
            .Where(r => messageIds.Contains(r.MessageId))
            .Select(r => new { r.MessageId, r.Emoji, r.UserId, r.CreatedUtc })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.MessageId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<ReactionGroup>)[.. g.OrderBy(r => r.CreatedUtc).ThenBy(r => r.UserId, StringComparer.Ordinal)
                .GroupBy(r => r.Emoji)
                .Select(e => new ReactionGroup(e.Key, [.. e.Select(r => r.UserId)]))]);
    }
}
