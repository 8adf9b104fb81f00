using BlazorMessenger.Data;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

public sealed partial class ChatService
{
    /// <summary>
    /// Validates, rate-limits, stores with the next Seq and only then publishes. A repeated clientMessageId returns
    /// the message already stored (and publishes nothing new), so double clicks and retries store one message.
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

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureMemberAsync(db, userId, conversationId, ct);
        if (await FindSentAsync(db, userId, clientMessageId, ct) is { } earlier)
        {
            return ServiceResult<ChatMessage>.Ok(earlier);
        }

        if (!rateLimiter.TryAcquire(RateLimitedAction.SendMessage, userId))
        {
            return ServiceResult<ChatMessage>.Fail(MessageRules.SlowDown);
        }

        var (message, memberIds) = await StoreAsync(db, userId, conversationId, clientMessageId, body, null, ct);
        if (memberIds is null)
        {
            return ServiceResult<ChatMessage>.Ok(message);
        }

        hub.Publish(memberIds, new MessagePosted(message));
        return ServiceResult<ChatMessage>.Ok(message);
    }

    /// <summary>Marks the conversation read up to seq (never backwards, never past the last message).</summary>
    public async Task<long> MarkReadAsync(string userId, long conversationId, long seq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.UserId == userId)
            .Select(m => new { m.LastReadSeq, m.Conversation!.LastSeq })
            .FirstOrDefaultAsync(ct) ?? throw new NotAMemberException(conversationId);
        var target = Math.Min(seq, state.LastSeq);
        if (target <= state.LastReadSeq)
        {
            return state.LastReadSeq;
        }

        var updated = await db.ConversationMembers
            .Where(m => m.ConversationId == conversationId && m.UserId == userId && m.LastReadSeq < target)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadSeq, target), ct);
        if (updated > 0)
        {
            hub.Publish([userId], new ReadStateChanged(conversationId, target));
        }

        return target;
    }

    /// <summary>One write transaction: SQLite serializes writers, so Seq is assigned without gaps or duplicates.</summary>
    private async Task<(ChatMessage Message, List<string>? MemberIds)> StoreAsync(
        ApplicationDbContext db, string userId, long conversationId, Guid clientMessageId, string body, Data.Media? media,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Checked again inside the transaction: a concurrent retry may have committed since the first look.
        if (await FindSentAsync(db, userId, clientMessageId, ct) is { } earlier)
        {
            return (earlier, null);
        }

        await db.Conversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeq, c => c.LastSeq + 1).SetProperty(c => c.LastMessageUtc, now), ct);
        var seq = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.LastSeq).SingleAsync(ct);

        var entity = new Message
        {
            ConversationId = conversationId,
            Seq = seq,
            SenderId = userId,
            ClientMessageId = clientMessageId,
            Kind = media is null ? MessageKind.Text : MessageKind.Image,
            Body = body,
            CreatedUtc = now,
            Media = media,
        };
        if (media is not null)
        {
            media.CreatedUtc = now;
        }

        db.Messages.Add(entity);
        await db.SaveChangesAsync(ct);
        await db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadSeq, seq), ct);
        var memberIds = await db.ConversationMembers.Where(m => m.ConversationId == conversationId)
            .Select(m => m.UserId).ToListAsync(ct);
        await transaction.CommitAsync(ct);

        var image = media is null ? null : new ChatImage(media.Id, media.Width, media.Height, media.ThumbWidth, media.ThumbHeight);
        return (new ChatMessage(entity.Id, conversationId, seq, userId, clientMessageId, entity.Kind, body, now, null, image), memberIds);
    }

    private static Task<ChatMessage?> FindSentAsync(ApplicationDbContext db, string userId, Guid clientMessageId, CancellationToken ct) =>
        db.Messages.AsNoTracking()
            .Where(m => m.SenderId == userId && m.ClientMessageId == clientMessageId)
            .Select(ToRecord)
            .FirstOrDefaultAsync(ct);
}
