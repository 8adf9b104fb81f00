using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Receipts;

/// <summary>What a message of one's own shows: ✓ stored, ✓✓ delivered to a tab of every member, ✓✓ read by them.</summary>
public enum ReceiptStatus
{
    Sent,
    Delivered,
    Read,
}

/// <summary>
/// Another member's positions as the viewer may see them: Read is null when either of them turned read receipts off.
/// </summary>
public sealed record MemberPosition(string UserId, long Delivered, long? Read)
{
    /// <summary>A read position passes between two people only when neither turned read receipts off.</summary>
    public static bool Shares(bool viewerHides, bool readerHides) => !viewerHides && !readerHides;
}

/// <summary>
/// The other current members' positions in one conversation. A message is delivered when every one of them has it,
/// and read when every one who shares read receipts has read it (none sharing: never read).
/// </summary>
public sealed record ReceiptPositions(IReadOnlyDictionary<string, MemberPosition> Others)
{
    public static readonly ReceiptPositions None = new(new Dictionary<string, MemberPosition>());

    private readonly long _delivered = Others.Count == 0 ? 0 : Others.Values.Min(p => p.Delivered);
    private readonly long _read = Others.Values.Any(p => p.Read is not null) ? Others.Values.Where(p => p.Read is not null).Min(p => p.Read!.Value) : 0;

    /// <summary>Read only once delivered to everyone too: a member who keeps their reads to themselves may not have it yet.</summary>
    public ReceiptStatus StatusOf(long seq) =>
        seq > _delivered ? ReceiptStatus.Sent : seq <= _read ? ReceiptStatus.Read : ReceiptStatus.Delivered;

    /// <summary>With one member's new positions (a member the viewer does not count, such as themselves, changes nothing).</summary>
    public ReceiptPositions With(MemberPosition moved) =>
        Others.TryGetValue(moved.UserId, out var known)
            ? new ReceiptPositions(new Dictionary<string, MemberPosition>(Others)
            {
                [moved.UserId] = new(moved.UserId, Math.Max(known.Delivered, moved.Delivered),
                    moved.Read is null ? null : Math.Max(known.Read ?? 0, moved.Read.Value)),
            })
            : this;
}

/// <summary>One member in "Message info": when the message reached one of their tabs and when they read it (null: not yet, or not shared).</summary>
public sealed record MessageReceipt(string UserId, string Name, string? AvatarId, bool Delivered, DateTime? DeliveredUtc, bool Read, DateTime? ReadUtc);

public static class ReceiptLabels
{
    public static string Of(ReceiptStatus status) => status switch
    {
        ReceiptStatus.Read => "Read",
        ReceiptStatus.Delivered => "Delivered",
        _ => "Sent",
    };
}
