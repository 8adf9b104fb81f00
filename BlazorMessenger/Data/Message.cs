namespace BlazorMessenger.Data;

public enum MessageKind
{
    Text = 0,
    Image = 1,
    System = 2,
}

public sealed class Message
{
    public long Id { get; set; }

    public long ConversationId { get; set; }

    /// <summary>Assigned by the server, monotonic per conversation, and the only ordering.</summary>
    public long Seq { get; set; }

    public required string SenderId { get; set; }

    /// <summary>Made by the sender's composer; a retry or double click with the same id stores one message.</summary>
    public Guid ClientMessageId { get; set; }

    public MessageKind Kind { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? EditedUtc { get; set; }

    public DateTime? DeletedUtc { get; set; }

    public long? ReplyToId { get; set; }

    public string? MediaId { get; set; }

    public Media? Media { get; set; }
}
