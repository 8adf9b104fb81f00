namespace BlazorMessenger.Data;

public enum ReceiptKind
{
    Delivered = 0,
    Read = 1,
}

/// <summary>
/// A group member's delivered or read position reached Seq at AtUtc: one row per advance (positions only grow), so
/// "Message info" can say when each member first had a message. Direct conversations keep positions only.
/// </summary>
public sealed class Receipt
{
    public long ConversationId { get; set; }

    public required string UserId { get; set; }

    public ReceiptKind Kind { get; set; }

    public long Seq { get; set; }

    public DateTime AtUtc { get; set; }
}
