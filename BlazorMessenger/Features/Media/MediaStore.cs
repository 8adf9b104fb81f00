using System.Security.Cryptography;
using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Media;

/// <summary>Files in the media directory ({data}/media by default), outside wwwroot, named by the server: "{ab}/{id}.{ext}".</summary>
public sealed class MediaStore(StorageLocation storage)
{
    public string Root => storage.MediaDirectory;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string KeyFor(string id, string suffix) => $"{id[..2]}/{id}{suffix}";

    /// <summary>Removes the file and its thumbnail (callers whose files may be shared ask <see cref="DeleteUnusedFilesAsync"/>).</summary>
    public void DeleteFiles(Data.Media media)
    {
        Delete(media.StorageKey);
        if (media.ThumbKey is { } thumb)
        {
            Delete(thumb);
        }
    }

    /// <summary>After a Media row is gone: its files too, unless a forwarded copy's row still shows them.</summary>
    public async Task DeleteUnusedFilesAsync(ApplicationDbContext db, Data.Media media, CancellationToken ct)
    {
        if (!await db.Media.AnyAsync(m => m.StorageKey == media.StorageKey, ct))
        {
            DeleteFiles(media);
        }
    }

    /// <summary>The row for a processed image with a new random id and its storage keys (a conversation's, or an avatar).</summary>
    public static Data.Media NewMedia(string ownerId, long? conversationId, ProcessedImage image, DateTime createdUtc)
    {
        var id = NewId();
        return new Data.Media
        {
            Id = id,
            OwnerId = ownerId,
            ConversationId = conversationId,
            ContentType = image.Full.ContentType,
            Width = image.Full.Width,
            Height = image.Full.Height,
            Bytes = image.Full.Data.Length,
            StorageKey = KeyFor(id, "." + ImageFormats.Extension(image.Full.ContentType)),
            ThumbKey = KeyFor(id, ".thumb.webp"),
            ThumbContentType = image.Thumbnail.ContentType,
            ThumbWidth = image.Thumbnail.Width,
            ThumbHeight = image.Thumbnail.Height,
            CreatedUtc = createdUtc,
        };
    }

    /// <summary>The row for a document or voice note: a random id, a key without the sender's name or extension in it.</summary>
    public static Data.Media NewFile(string ownerId, long conversationId, Chat.FileUpload upload, DateTime createdUtc)
    {
        var id = NewId();
        return new Data.Media
        {
            Id = id,
            OwnerId = ownerId,
            ConversationId = conversationId,
            Kind = upload.Kind,
            ContentType = MediaRules.StoredType(upload.ContentType),
            FileName = upload.Kind == MediaKind.Voice ? MediaRules.VoiceFileName(upload.ContentType) : MediaRules.CleanFileName(upload.FileName),
            DurationMs = upload.Kind == MediaKind.Voice ? upload.DurationMs : null,
            StorageKey = KeyFor(id, ".bin"),
            CreatedUtc = createdUtc,
        };
    }

    /// <summary>Copies the stream into the key's file, stopping past maxBytes: the bytes written, or -1 when it was too large.</summary>
    public async Task<long> WriteLimitedAsync(string key, Stream content, long maxBytes, CancellationToken ct)
    {
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long written = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            written += read;
            if (written > maxBytes)
            {
                return -1;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return written;
    }

    public string PathFor(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!StorageLocation.IsInside(Root, path))
        {
            throw new ArgumentException("A media key must stay inside the media directory.", nameof(key));
        }

        return path;
    }

    public async Task WriteAsync(string key, byte[] data, CancellationToken ct)
    {
        var path = PathFor(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, data, ct);
    }

    public void Delete(string key) => File.Delete(PathFor(key));

    /// <summary>Every stored file's key.</summary>
    public IEnumerable<string> EnumerateKeys() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(path => StorageLocation.RelativeKey(Root, path))
            : [];
}
