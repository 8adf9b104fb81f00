using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

public sealed partial class ChatService
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
    /// Where an image message stands among the conversation's images (not deleted), for the viewer's previous / next:
    /// the neighbours on either side, its position counted from the oldest, and how many there are.
    /// </summary>
    public async Task<ImageNavigation> GetImageNavigationAsync(
        string userId, long conversationId, long seq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var images = (await db.ReadableInAsync(userId, conversationId, ct)).Where(m => m.Kind == MessageKind.Image && m.MediaId != null && m.DeletedUtc == null);
        var previous = await images.Where(m => m.Seq < seq).OrderByDescending(m => m.Seq).Select(ToRecord).FirstOrDefaultAsync(ct);
        var next = await images.Where(m => m.Seq > seq).OrderBy(m => m.Seq).Select(ToRecord).FirstOrDefaultAsync(ct);
        var position = await images.CountAsync(m => m.Seq <= seq, ct);
        var count = await images.CountAsync(ct);
        return new ImageNavigation(previous, next, position, count);
    }
}
