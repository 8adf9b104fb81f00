using BlazorMessenger.Data;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Chat.Format;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Edits and deletions: the sender's own, within their limits, and an admin's removal of a reported message; everyone's
/// open tabs see the change.
/// </summary>
public sealed class MessageChangeService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IMessengerHub hub,
    MediaStore mediaStore,
    SendRefusals refusals,
    TimeProvider time)
{
    /// <summary>The sender may edit their own text for 48 hours; everyone's open tabs see the change.</summary>
    public async Task<ServiceResult<ChatMessage>> EditAsync(string userId, long messageId, string? text, CancellationToken ct = default)
    {
        var body = MessageText.Normalize(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.MessageForCurrentMemberAsync(userId, messageId, ct);

        var refusal = message.SenderId != userId || message.Kind == MessageKind.System ? MessageRules.NotYours
            : await refusals.ForAsync(userId, message.ConversationId, ct) is { } refused ? refused
            : message.DeletedUtc is not null ? MessageRules.AlreadyDeleted
            : !MessageRules.WithinEditWindow(message.CreatedUtc, time.GetUtcNow().UtcDateTime) ? MessageRules.EditWindowPassed
            : body.Length == 0 && message.MediaId is null ? MessageRules.Empty
            : body.Length > MessageRules.MaxLength ? MessageRules.TooLong
            : null;
        if (refusal is not null)
        {
            return ServiceResult<ChatMessage>.Fail(refusal);
        }

        body = await ChatService.EncodeMentionsAsync(db, userId, message.ConversationId, body, ct);
        if (message.Body != body)
        {
            message.Body = body;
            message.EditedUtc = time.GetUtcNow().UtcDateTime;
            await BotFeed.AddEditedAsync(db, message, message.EditedUtc.Value, ct);
            await db.SaveChangesAsync(ct);
        }

        return ServiceResult<ChatMessage>.Ok(await PublishChangeAsync(db, message.Id, ct));
    }

    /// <summary>
    /// The sender may delete their own message for everyone within <see cref="MessageRules.EditWindow"/>: it becomes "This
    /// message was deleted" for everyone and its image is removed.
    /// </summary>
    public async Task<ServiceResult<ChatMessage>> DeleteAsync(string userId, long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.MessageForCurrentMemberAsync(userId, messageId, ct);

        if (message.SenderId != userId || message.Kind == MessageKind.System)
        {
            return ServiceResult<ChatMessage>.Fail(MessageRules.NotYours);
        }

        if (message.DeletedUtc is null && !MessageRules.WithinEditWindow(message.CreatedUtc, time.GetUtcNow().UtcDateTime))
        {
            return ServiceResult<ChatMessage>.Fail(MessageRules.DeleteWindowPassed);
        }

        return ServiceResult<ChatMessage>.Ok(await RemoveAsync(db, message, ct));
    }

    /// <summary>
    /// "Delete for me": anyone who may read a message (a former member too, what they still see) takes it out of their
    /// own history and search; the others keep it. Their tabs hear it (MessageHidden); deleting it twice changes nothing.
    /// </summary>
    public async Task<ServiceResult<bool>> DeleteForMeAsync(string userId, long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.MessageReadableByAsync(userId, messageId, ct);
        if (message.Kind == MessageKind.System)
        {
            return ServiceResult<bool>.Fail(MessageRules.NotYours);
        }

        if (!await db.HiddenMessages.AnyAsync(h => h.UserId == userId && h.MessageId == messageId, ct))
        {
            db.HiddenMessages.Add(new HiddenMessage { UserId = userId, MessageId = messageId, HiddenUtc = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }

        hub.Publish([userId], new MessageHidden(message.ConversationId, message.Id, message.Seq));
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>An admin removes a reported message. Only AdminService calls this, after its own check of the admin.</summary>
    internal async Task<ChatMessage?> RemoveForModerationAsync(long messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Messages.Include(m => m.Media).SingleOrDefaultAsync(m => m.Id == messageId && m.Kind != MessageKind.System, ct);
        if (message is null)
        {
            return null;
        }

        var key = message.Media?.StorageKey;
        var removed = await RemoveAsync(db, message, ct);
        // Forwarded copies show the same file: a file removed for abuse goes from every conversation.
        foreach (var copy in key is null ? [] : await db.Messages.Include(m => m.Media).Where(m => m.Media!.StorageKey == key).ToListAsync(ct))
        {
            await RemoveAsync(db, copy, ct);
        }

        return removed;
    }

    private async Task<ChatMessage> RemoveAsync(ApplicationDbContext db, Message message, CancellationToken ct)
    {
        var media = message.Media;
        if (message.DeletedUtc is null)
        {
            message.DeletedUtc = time.GetUtcNow().UtcDateTime;
            message.Body = "";
            message.MediaId = null;
            message.PinnedUtc = null;
            if (media is not null)
            {
                db.Media.Remove(media);
            }

            await db.SaveChangesAsync(ct);
            if (media is not null)
            {
                await mediaStore.DeleteUnusedFilesAsync(db, media, ct);
            }
        }

        return await PublishChangeAsync(db, message.Id, ct);
    }

    private async Task<ChatMessage> PublishChangeAsync(ApplicationDbContext db, long messageId, CancellationToken ct)
    {
        var changed = (await MessageExtras.CompleteAsync(
            db, [await db.Messages.AsNoTracking().Where(m => m.Id == messageId).Select(ChatService.ToRecord).SingleAsync(ct)], ct))[0];
        hub.Publish(await db.CurrentMemberIdsAsync(changed.ConversationId, ct), new MessageChanged(changed));
        return changed;
    }
}
