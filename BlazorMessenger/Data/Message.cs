namespace BlazorMessenger.Data;

public enum MessageKind
{
    Text = 0,
    Image = 1,
    System = 2,
    File = 3,
    Voice = 4,
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

    /// <summary>
    /// The message this one answers (same conversation); its quote is read from it, so it follows edits and deletes. No
    /// foreign key: SQLite adds one only by rebuilding the table, which would drop the search triggers (messages are never
    /// removed, only emptied, so the id always resolves).
    /// </summary>
    public long? ReplyToId { get; set; }

    /// <summary>A copy of someone's message sent on: marked "Forwarded", without saying from where.</summary>
    public bool Forwarded { get; set; }

    /// <summary>Pinned to the top of its conversation (see <see cref="Features.Chat.MessageRules.MaxPins"/>).</summary>
    public DateTime? PinnedUtc { get; set; }

    /// <summary>
    /// What a webhook's post carries beside its text (the sender's label, attachments and blocks), as JSON
    /// (<see cref="Features.Hooks.MessageCard"/>); null for everything else.
    /// </summary>
    public string? Card { get; set; }

    public List<Reaction> Reactions { get; set; } = [];

    public string? MediaId { get; set; }

    public Media? Media { get; set; }
}

/// <summary>One person's emoji on one message: at most one row per (message, person, emoji).</summary>
public sealed class Reaction
{
    public long MessageId { get; set; }

    public required string UserId { get; set; }

    public required string Emoji { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>A message one person deleted for themselves ("Delete for me"): the others still see it.</summary>
public sealed class HiddenMessage
{
    public required string UserId { get; set; }

    public long MessageId { get; set; }

    public DateTime HiddenUtc { get; set; }
}
