namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// Where the reader is in a conversation: what they had read when it opened (the "New messages" divider goes above the
/// first message after it), and how far it is marked read since. Only what the browser shows is ever marked; a
/// position never goes back.
/// </summary>
public sealed class ReaderPosition(long lastReadSeq, long lastSeq)
{
    /// <summary>The last message marked read (when the conversation opened, or since).</summary>
    public long ReadSeq { get; private set; } = lastReadSeq;

    /// <summary>The first message that was unread when the conversation opened, or null when there was none.</summary>
    public long? FirstUnreadSeq { get; } = lastReadSeq < lastSeq ? lastReadSeq + 1 : null;

    /// <summary>
    /// Where the log opens: around the first unread message when at least half a page is unread (so that it shows at
    /// the top with what follows), else (null) at the newest page, which then holds the divider itself.
    /// </summary>
    public long? OpenAround { get; } = lastSeq - lastReadSeq >= MessageRules.PageSize / 2 ? lastReadSeq + 1 : null;

    /// <summary>The browser shows everything up to shownSeq; answers what to mark read (nothing beyond what the log holds).</summary>
    public long? ToMark(long shownSeq, long lastHeldSeq) => Math.Min(shownSeq, lastHeldSeq) is var seen && seen > ReadSeq ? seen : null;

    /// <summary>What the database holds as read after marking (another tab may have read further).</summary>
    public void Marked(long readSeq) => ReadSeq = Math.Max(ReadSeq, readSeq);
}
