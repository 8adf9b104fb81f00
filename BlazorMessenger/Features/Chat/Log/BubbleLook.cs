using BlazorMessenger.Features.Receipts;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// What the log decides about a bubble's look: its place in a run, a jump's highlight and the tick. One parameter rather
/// than several, as the log keeps every parameter of every bubble in its render tree.
/// </summary>
[Flags]
public enum BubbleLook
{
    None = 0,

    /// <summary>The first of a run of one sender's messages: someone else's shows their picture.</summary>
    StartsRun = 1,

    /// <summary>In a group, someone else's run starts with their name.</summary>
    ShowsName = 2,

    /// <summary>A search result, quote or pin pointed here.</summary>
    Highlighted = 4,

    /// <summary>One's own stored message: ✓.</summary>
    Sent = 8,

    /// <summary>✓✓: a tab of every other member has shown it.</summary>
    Delivered = 16,

    /// <summary>✓✓ in the accent colour: every other member has read it.</summary>
    Read = 32,
}

public static class BubbleLooks
{
    public static BubbleLook Of(ReceiptStatus? receipt) => receipt switch
    {
        ReceiptStatus.Sent => BubbleLook.Sent,
        ReceiptStatus.Delivered => BubbleLook.Delivered,
        ReceiptStatus.Read => BubbleLook.Read,
        _ => BubbleLook.None,
    };

    public static ReceiptStatus? ReceiptOf(BubbleLook look) =>
        look.HasFlag(BubbleLook.Read) ? ReceiptStatus.Read
        : look.HasFlag(BubbleLook.Delivered) ? ReceiptStatus.Delivered
        : look.HasFlag(BubbleLook.Sent) ? ReceiptStatus.Sent
        : null;
}
