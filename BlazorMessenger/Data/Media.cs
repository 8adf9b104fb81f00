namespace BlazorMessenger.Data;

public enum MediaKind
{
    Image = 0,
    File = 1,
    Voice = 2,
}

/// <summary>
/// An uploaded file under a server-made key: an image after processing (with its thumbnail), a document as sent, or a
/// voice note. A forwarded copy is a row of its own sharing the same files; the files go when no row uses them.
/// </summary>
public sealed class Media
{
    /// <summary>Random and unguessable, but never the only check: serving also checks membership.</summary>
    public required string Id { get; set; }

    public required string OwnerId { get; set; }

    public long? ConversationId { get; set; }

    public MediaKind Kind { get; set; }

    public required string ContentType { get; set; }

    /// <summary>A document's name as shown and downloaded, cleaned of path and control characters.</summary>
    public string? FileName { get; set; }

    /// <summary>A voice note's length.</summary>
    public int? DurationMs { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public long Bytes { get; set; }

    public required string StorageKey { get; set; }

    public string? ThumbKey { get; set; }

    public string? ThumbContentType { get; set; }

    public int ThumbWidth { get; set; }

    public int ThumbHeight { get; set; }

    public DateTime CreatedUtc { get; set; }
}
