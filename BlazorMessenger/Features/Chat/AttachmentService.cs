using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Format;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Hosting.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Chat;

/// <summary>A document or voice note on its way in: the browser's stream, and what the browser says it is.</summary>
public sealed record FileUpload(Stream Content, string? FileName, string? ContentType, MediaKind Kind = MediaKind.File, int? DurationMs = null);

/// <summary>
/// Images, documents and voice notes sent into a conversation: processed or stored as they came, with their message
/// committed after the files (a refusal or a failure leaves no file behind), within the sender's storage quota. Every
/// method checks membership against the database first.
/// </summary>
public sealed class AttachmentService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    UserRateLimiter rateLimiter,
    MessageWriter writer,
    ImageProcessor images,
    MediaStore mediaStore,
    SendRefusals refusals,
    IOptions<MediaOptions> mediaOptions,
    MessengerMetrics metrics,
    TimeProvider time)
{

    /// <summary>
    /// Processes the upload, writes its files, then commits the image message; if the commit fails the files are
    /// removed again. Refusals (format, size, pixels, damage, rate) leave neither a row nor a file.
    /// </summary>
    public async Task<ServiceResult<ChatMessage>> SendImageAsync(
        string userId, long conversationId, Guid clientMessageId, byte[] content, string? caption, long? replyToId = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (done, body, quote) = await PrepareUploadAsync(
            db, userId, conversationId, clientMessageId, caption, replyToId, null, "You're sending images too quickly. Try again in a moment.", ct);
        if (done is not null)
        {
            return done;
        }

        // Decoding is CPU work: keep it off the circuit's thread.
        var processed = await images.ProcessAsync(content, ct: ct);
        if (processed.Value is not { } image)
        {
            return ServiceResult<ChatMessage>.Fail(processed.Error!);
        }

        if (await UsedStorageAsync(db, userId, ct) + image.Full.Data.Length > mediaOptions.Value.UserQuotaBytes)
        {
            return ServiceResult<ChatMessage>.Fail(QuotaReached);
        }

        var media = MediaStore.NewMedia(userId, conversationId, image, time.GetUtcNow().UtcDateTime);
        return await StoreUploadAsync(new NewMessage(userId, conversationId, clientMessageId, body, media, ReplyTo: quote), async () =>
        {
            await mediaStore.WriteAsync(media.StorageKey, image.Full.Data, ct);
            await mediaStore.WriteAsync(media.ThumbKey!, image.Thumbnail.Data, ct);
            return null;
        });
    }

    /// <summary>
    /// Stores a document or voice note as it came (never opened or run here), then commits its message; a refusal or a
    /// failure leaves no file behind. Checked: membership, the send refusals, the upload limit, the size, the sender's
    /// storage quota (counted again on the bytes that really arrived), and for voice notes the type and length.
    /// </summary>
    public async Task<ServiceResult<ChatMessage>> SendFileAsync(
        string userId, long conversationId, Guid clientMessageId, FileUpload upload, string? caption, long? replyToId = null,
        CancellationToken ct = default)
    {
        var limits = mediaOptions.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (done, body, quote) = await PrepareUploadAsync(
            db, userId, conversationId, clientMessageId, caption, replyToId, FileRefusal(upload), MediaRules.SlowDown, ct);
        if (done is not null)
        {
            return done;
        }

        var media = MediaStore.NewFile(userId, conversationId, upload, time.GetUtcNow().UtcDateTime);
        return await StoreUploadAsync(new NewMessage(userId, conversationId, clientMessageId, body, media, ReplyTo: quote), async () =>
        {
            media.Bytes = await mediaStore.WriteLimitedAsync(media.StorageKey, upload.Content, limits.MaxFileBytes, ct);
            return media.Bytes < 0 ? TooLarge
                : media.Bytes == 0 ? MediaRules.EmptyFile
                : await UsedStorageAsync(db, userId, ct) + media.Bytes > limits.UserQuotaBytes ? QuotaReached
                : null;
        });
    }

    /// <summary>
    /// What every upload checks before its bytes are read, in this order: membership (throws), the same client id stored
    /// before (answered as it was), the caption's length, the upload's own refusal, the send refusals, the reply's quote
    /// and the upload limit. Done is the answer when there is nothing to store; otherwise the caption with its mentions
    /// encoded and the quote.
    /// </summary>
    private async Task<(ServiceResult<ChatMessage>? Done, string Body, ChatQuote? Quote)> PrepareUploadAsync(
        ApplicationDbContext db, string userId, long conversationId, Guid clientMessageId, string? caption, long? replyToId,
        string? uploadRefusal, string slowDown, CancellationToken ct)
    {
        var body = MessageText.Normalize(caption);
        await db.EnsureCurrentMemberAsync(userId, conversationId, ct);
        if (await ChatService.FindSentAsync(db, userId, clientMessageId, ct) is { } earlier)
        {
            return (ServiceResult<ChatMessage>.Ok(earlier), body, null);
        }

        var refusal = body.Length > MessageRules.MaxLength ? MessageRules.TooLong
            : uploadRefusal ?? await refusals.ForAsync(userId, conversationId, ct);
        var replying = refusal is null ? await ChatService.QuoteForReplyAsync(db, userId, conversationId, replyToId, ct) : null;
        refusal ??= replying!.Error ?? (rateLimiter.TryAcquire(RateLimitedAction.UploadImage, userId) ? null : slowDown);
        return refusal is not null
            ? (ServiceResult<ChatMessage>.Fail(refusal), body, null)
            : (null, await ChatService.EncodeMentionsAsync(db, userId, conversationId, body, ct), replying!.Value);
    }

    /// <summary>
    /// Writes an upload's files (writeFiles answers a refusal, or null), then commits its message. The files go again
    /// when they are refused, when the commit fails, or when the message turns out to be stored before (a retry).
    /// </summary>
    private async Task<ServiceResult<ChatMessage>> StoreUploadAsync(NewMessage message, Func<Task<string?>> writeFiles)
    {
        var media = message.Media!;
        try
        {
            if (await writeFiles() is { } refusal)
            {
                mediaStore.DeleteFiles(media);
                return ServiceResult<ChatMessage>.Fail(refusal);
            }

            // Not cancellable from here on: the files must stay exactly when the writer commits the message.
            var written = await writer.WriteAsync(message);
            if (written.Value is not { } stored)
            {
                mediaStore.DeleteFiles(media);
                return ServiceResult<ChatMessage>.Fail(written.Error!);
            }

            if ((stored.Message.Image?.Id ?? stored.Message.File?.Id) != media.Id)
            {
                // Stored before by an earlier try, with that try's files.
                mediaStore.DeleteFiles(media);
            }
            else
            {
                metrics.Uploaded(media);
            }

            return ServiceResult<ChatMessage>.Ok(stored.Message);
        }
        catch
        {
            mediaStore.DeleteFiles(media);
            throw;
        }
    }

    /// <summary>Bytes the person's uploads take: each stored file once, however many forwarded copies show it.</summary>
    public async Task<long> UsedStorageAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UsedStorageAsync(db, userId, ct);
    }

    public string TooLarge => $"A file can be at most {MediaRules.Megabytes(mediaOptions.Value.MaxFileBytes)}.";

    public string QuotaReached => MediaRules.QuotaReached(mediaOptions.Value.UserQuotaBytes);

    private string? FileRefusal(FileUpload upload)
    {
        var maxVoiceMs = mediaOptions.Value.MaxVoiceSeconds * 1000;
        return upload.Kind == MediaKind.Image ? MediaRules.NotAFile
            : upload.Kind == MediaKind.File ? null
            : !(upload.ContentType ?? "").StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? MediaRules.NotAudio
            // The recorder stops at the limit; a second of slack covers its last chunk.
            : upload.DurationMs is not { } ms || ms <= 0 || ms > maxVoiceMs + 1000 ? $"A voice message can be at most {maxVoiceMs / 60000.0:0.#} minutes long."
            : null;
    }

    internal static async Task<long> UsedStorageAsync(ApplicationDbContext db, string userId, CancellationToken ct) =>
        await db.Media.Where(m => m.OwnerId == userId).GroupBy(m => m.StorageKey).Select(g => g.Max(m => m.Bytes)).SumAsync(ct);
}
