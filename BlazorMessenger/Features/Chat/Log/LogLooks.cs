using BlazorMessenger.Components.Layout;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Receipts;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// How the log draws its messages, with no renderer: where a day separator goes (the reader's calendar days), where a
/// sender's run starts (and shows a group member's name), the highlighted message, and the ticks on one's own stored
/// messages from the other members' positions.
/// </summary>
public sealed class LogLooks(string userId, bool isGroup)
{
    /// <summary>The other members' delivered and read positions (read when the log opens, and moved by the hub's events).</summary>
    public ReceiptPositions Receipts { get; set; } = ReceiptPositions.None;

    /// <summary>A separator goes above the first message of each of the reader's calendar days.</summary>
    public static bool StartsDay(IReadOnlyList<ChatMessage> messages, int index, TimeZoneInfo zone) => index == 0
        || ClientTime.LocalDay(messages[index].CreatedUtc, zone) != ClientTime.LocalDay(messages[index - 1].CreatedUtc, zone);

    /// <summary>A run of one sender's messages starts after someone else's, a system line or a day separator.</summary>
    public BubbleLook Of(IReadOnlyList<ChatMessage> messages, int index, bool startsDay, long? highlightSeq)
    {
        var (message, previous) = (messages[index], index > 0 ? messages[index - 1] : null);
        // A webhook posting under another name starts a run of its own; its posts are named in a direct chat too.
        var startsRun = startsDay || previous!.SenderId != message.SenderId || previous.Kind == MessageKind.System
            || previous.Card?.As != message.Card?.As;
        return (startsRun ? BubbleLook.StartsRun : 0)
            | (startsRun && (isGroup || message.ByHook) && message.SenderId != userId ? BubbleLook.ShowsName : 0)
            | (message.Seq == highlightSeq ? BubbleLook.Highlighted : 0)
            | BubbleLooks.Of(ReceiptOf(message));
    }

    /// <summary>Only one's own stored messages carry ticks (a waiting one keeps its clock in the outbox's bubble).</summary>
    public ReceiptStatus? ReceiptOf(ChatMessage message) =>
        message.SenderId == userId && !message.IsDeleted ? Receipts.StatusOf(message.Seq) : null;
}
