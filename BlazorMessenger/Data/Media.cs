namespace BlazorMessenger.Data;

/// <summary>An uploaded image after processing: the re-encoded file and its thumbnail, stored under server-made keys.</summary>
public sealed class Media
{
    /// <summary>Random and unguessable, but never the only check: serving also checks membership.</summary>
    public required string Id { get; set; }

    public required string OwnerId { get; set; }

    public long? ConversationId { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public long Bytes { get; set; }

    public required string StorageKey { get; set; }

    public required string ThumbKey { get; set; }

    public required string ThumbContentType { get; set; }

    public int ThumbWidth { get; set; }

    public int ThumbHeight { get; set; }

    public DateTime CreatedUtc { get; set; }
}
