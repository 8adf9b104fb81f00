using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Chat;

/// <summary>Where a forward went: the copy stored in a conversation, or why not.</summary>
public sealed record ForwardOutcome(long ConversationId, ChatMessage? Copy, string? Error);

/// <summary>Copies of a message the caller can read, sent to conversations of theirs, marked "Forwarded".</summary>
public sealed class ForwardService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    MessageWriter writer,
    SendRefusals refusals,
    IOptions<MediaOptions> mediaOptions,
    IOptions<MessageOptions> messageOptions,
    TimeProvider time)
{
    public const string NothingToForward = "This message can't be forwarded.";

    /// <summary>
    /// Sends a copy of a message the caller can read to each of the caller's conversations in targets, marked
    /// "Forwarded". Mentions become plain "@username" text (a copy notifies nobody); an image, file or voice note is not
    /// uploaded again: the copy's Media row shares its files. Each target is checked like a send of the caller's own;
    /// operationId makes a repeated forward (a double click, a retry) store each copy once.
    /// </summary>
    public async Task<ServiceResult<IReadOnlyList<ForwardOutcome>>> ForwardAsync(
        string userId, long messageId, IReadOnlyCollection<long> targets, Guid operationId, CancellationToken ct = default)
    {
        var max = messageOptions.Value.MaxForwardTargets;
        if (targets.Count == 0 || targets.Distinct().Count() > max)
        {
            return ServiceResult<IReadOnlyList<ForwardOutcome>>.Fail(
                targets.Count == 0 ? "Choose at least one conversation." : $"You can forward to at most {max} conversations at once.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.MessageReadableByAsync(userId, messageId, ct);

        if (source.DeletedUtc is not null || source.Kind == MessageKind.System)
        {
            return ServiceResult<IReadOnlyList<ForwardOutcome>>.Fail(source.DeletedUtc is not null ? MessageRules.AlreadyDeleted : NothingToForward);
        }

        var mentioned = Mentions.Ids(source.Body).ToList();
        var names = await db.Users.AsNoTracking().Where(u => mentioned.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var body = Mentions.Decode(source.Body, id => names.GetValueOrDefault(id));
        var outcomes = new List<ForwardOutcome>();
        foreach (var target in targets.Distinct())
        {
            outcomes.Add(await ForwardOneAsync(userId, source, body, target, operationId, ct));
        }

        return ServiceResult<IReadOnlyList<ForwardOutcome>>.Ok(outcomes);
    }

    private async Task<ForwardOutcome> ForwardOneAsync(string userId, Message source, string body, long target, Guid operationId, CancellationToken ct)
    {
        var clientId = ForwardId(operationId, target);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsCurrentMemberAsync(userId, target, ct))
        {
            return new ForwardOutcome(target, null, ChatService.NotInConversation);
        }

        // A repeated forward answers what it stored, whatever has changed since.
        if (await ChatService.FindSentAsync(db, userId, clientId, ct) is { } earlier)
        {
            return new ForwardOutcome(target, earlier, null);
        }

        var refusal = await refusals.ForAsync(userId, target, ct)
            ?? (source.Media is { } shared && !await db.Media.AnyAsync(m => m.OwnerId == userId && m.StorageKey == shared.StorageKey, ct)
                && await AttachmentService.UsedStorageAsync(db, userId, ct) + shared.Bytes > mediaOptions.Value.UserQuotaBytes ? MediaRules.QuotaReached(mediaOptions.Value.UserQuotaBytes) : null);
        if (refusal is not null)
        {
            return new ForwardOutcome(target, null, refusal);
        }

        var copy = source.Media is { } media ? CopyOf(media, userId, target) : null;
        try
        {
            var stored = await writer.WriteAsync(new NewMessage(userId, target, clientId, body, copy, Forwarded: true), ct);
            return new ForwardOutcome(target, stored.Value?.Message, stored.Error);
        }
        catch (NotAMemberException)
        {
            return new ForwardOutcome(target, null, ChatService.NotInConversation);
        }
    }

    /// <summary>
    /// The copy's own row (a conversation's media is served to its members), sharing the original's files; the
    /// forwarder owns it, so it counts against their storage as long as their copy shows it.
    /// </summary>
    private Data.Media CopyOf(Data.Media media, string ownerId, long conversationId) => new()
    {
        Id = Media.MediaStore.NewId(),
        OwnerId = ownerId,
        ConversationId = conversationId,
        Kind = media.Kind,
        ContentType = media.ContentType,
        FileName = media.FileName,
        DurationMs = media.DurationMs,
        Width = media.Width,
        Height = media.Height,
        Bytes = media.Bytes,
        StorageKey = media.StorageKey,
        ThumbKey = media.ThumbKey,
        ThumbContentType = media.ThumbContentType,
        ThumbWidth = media.ThumbWidth,
        ThumbHeight = media.ThumbHeight,
        CreatedUtc = time.GetUtcNow().UtcDateTime,
    };

    /// <summary>One client id per (forward, target): the same forward repeated stores nothing new.</summary>
    private static Guid ForwardId(Guid operationId, long target)
    {
        Span<byte> bytes = stackalloc byte[16];
        operationId.TryWriteBytes(bytes);
        BitConverter.TryWriteBytes(bytes[8..], BitConverter.ToInt64(bytes[8..]) ^ target);
        return new Guid(bytes);
    }
}
