using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Format;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Hosting.Operations;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

public sealed partial class ChatService
{
    /// <summary>
    /// Validates, then hands the message to the group-commit writer, which checks membership, returns the message
    /// already stored for a repeated clientMessageId (publishing nothing new), applies the per-user send limit, stores it
    /// with the next Seq and only then publishes. Double clicks and retries store one message. replyToId answers a
    /// message of the same conversation that the sender can read and that was not deleted.
    /// </summary>
    public async Task<ServiceResult<ChatMessage>> SendAsync(
        string userId, long conversationId, Guid clientMessageId, string? text, long? replyToId = null, CancellationToken ct = default)
    {
        using var activity = MessengerActivities.Source.StartActivity("message.send");
        activity?.SetTag("messenger.conversation.id", conversationId);
        var body = MessageText.Normalize(text);
        if (body.Length == 0)
        {
            return ServiceResult<ChatMessage>.Fail(MessageRules.Empty);
        }

        if (body.Length > MessageRules.MaxLength)
        {
            return ServiceResult<ChatMessage>.Fail(MessageRules.TooLong);
        }

        if (await refusals.ForAsync(userId, conversationId, ct) is { } refusal)
        {
            return ServiceResult<ChatMessage>.Fail(refusal);
        }

        ChatQuote? quote = null;
        if (body.Contains('@', StringComparison.Ordinal) || replyToId is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (replyToId is not null && await FindSentAsync(db, userId, clientMessageId, ct) is { } earlier)
            {
                // A retry of a reply stored before: the original may be gone since, the reply is not.
                return ServiceResult<ChatMessage>.Ok(earlier);
            }

            body = await EncodeMentionsAsync(db, userId, conversationId, body, ct);
            var replying = await QuoteForReplyAsync(db, userId, conversationId, replyToId, ct);
            if (replying.Error is { } error)
            {
                return ServiceResult<ChatMessage>.Fail(error);
            }

            quote = replying.Value;
        }

        var stored = await writer.WriteAsync(new NewMessage(userId, conversationId, clientMessageId, body, ReplyTo: quote), ct);
        return stored.Succeeded
            ? ServiceResult<ChatMessage>.Ok(stored.Value!.Message)
            : ServiceResult<ChatMessage>.Fail(stored.Error!);
    }

    /// <summary>
    /// In a group, "@username" of a current member becomes their mention token, and "@all" too when the sender is an
    /// owner or admin (see <see cref="Mentions"/>). Direct conversations and other text stay as typed, except that
    /// nothing typed can pass for a token.
    /// </summary>
    internal static async Task<string> EncodeMentionsAsync(
        ApplicationDbContext db, string userId, long conversationId, string body, CancellationToken ct)
    {
        body = Mentions.Neutralize(body);
        if (!body.Contains('@', StringComparison.Ordinal))
        {
            return body;
        }

        var members = await db.CurrentMembers(conversationId).AsNoTracking()
            .Where(m => m.Conversation!.Kind == ConversationKind.Group)
            .Select(m => new { m.UserId, m.User!.UserName, m.Role })
            .ToListAsync(ct);
        var allowAll = members.Any(m => m.UserId == userId && m.Role.Manages());
        return members.Count == 0
            ? body
            : Mentions.Encode(body, members.ToDictionary(m => m.UserName!, m => m.UserId, StringComparer.Ordinal), allowAll);
    }

    public const string ReplyElsewhere = "You can only reply to a message of this conversation.";

    /// <summary>
    /// The quote of the message a reply answers: in this conversation and readable by the sender. One deleted meanwhile
    /// is still answered (the quote says "Deleted message"), so a reply waiting in an outbox is never stuck.
    /// </summary>
    internal static async Task<ServiceResult<ChatQuote?>> QuoteForReplyAsync(
        ApplicationDbContext db, string userId, long conversationId, long? replyToId, CancellationToken ct)
    {
        if (replyToId is not { } id)
        {
            return ServiceResult<ChatQuote?>.Ok(null);
        }

        var upTo = await db.ReadableUpToAsync(userId, conversationId, ct);
        var quote = (await MessageExtras.QuotesAsync(db, conversationId, [id], ct)).GetValueOrDefault(id);
        return quote is null || quote.Seq > upTo || quote.Kind == MessageKind.System
            ? ServiceResult<ChatQuote?>.Fail(ReplyElsewhere)
            : ServiceResult<ChatQuote?>.Ok(quote);
    }

    internal static Task<ChatMessage?> FindSentAsync(ApplicationDbContext db, string userId, Guid clientMessageId, CancellationToken ct) =>
        db.Messages.AsNoTracking()
            .Where(m => m.SenderId == userId && m.ClientMessageId == clientMessageId)
            .Select(ToRecord)
            .FirstOrDefaultAsync(ct);
}
