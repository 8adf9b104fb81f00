using BlazorMessenger.Data;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

public sealed partial class ChatService
{
    /// <summary>
    /// Validates, then hands the message to the group-commit writer, which checks membership, returns the message
    /// already stored for a repeated clientMessageId (publishing nothing new), applies the per-user send limit, stores it
    /// with the next Seq and only then publishes. Double clicks and retries store one message.
    /// </summary>
    public async Task<ServiceResult<ChatMessage>> SendAsync(
        string userId, long conversationId, Guid clientMessageId, string? text, CancellationToken ct = default)
    {
        var body = (text ?? "").Trim();
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

        if (body.Contains('@', StringComparison.Ordinal))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            body = await EncodeMentionsAsync(db, userId, conversationId, body, ct);
        }

        var stored = await writer.WriteAsync(new NewMessage(userId, conversationId, clientMessageId, body), ct);
        return stored.Succeeded
            ? ServiceResult<ChatMessage>.Ok(stored.Value!.Message)
            : ServiceResult<ChatMessage>.Fail(stored.Error!);
    }

    /// <summary>
    /// In a group, "@username" of a current member becomes their mention token, and "@all" too when the sender is an
    /// owner or admin (see <see cref="Mentions"/>). Direct conversations and other text stay as typed, except that
    /// nothing typed can pass for a token.
    /// </summary>
    private static async Task<string> EncodeMentionsAsync(
        ApplicationDbContext db, string userId, long conversationId, string body, CancellationToken ct)
    {
        body = Mentions.Neutralize(body);
        if (!body.Contains('@', StringComparison.Ordinal))
        {
            return body;
        }

        var members = await db.ConversationMembers.AsNoTracking().Current()
            .Where(m => m.ConversationId == conversationId && m.Conversation!.Kind == ConversationKind.Group)
            .Select(m => new { m.UserId, m.User!.UserName, m.Role })
            .ToListAsync(ct);
        var allowAll = members.Any(m => m.UserId == userId && m.Role.Manages());
        return members.Count == 0
            ? body
            : Mentions.Encode(body, members.ToDictionary(m => m.UserName!, m => m.UserId, StringComparer.Ordinal), allowAll);
    }

    private static Task<ChatMessage?> FindSentAsync(ApplicationDbContext db, string userId, Guid clientMessageId, CancellationToken ct) =>
        db.Messages.AsNoTracking()
            .Where(m => m.SenderId == userId && m.ClientMessageId == clientMessageId)
            .Select(ToRecord)
            .FirstOrDefaultAsync(ct);
}
