namespace BlazorMessenger.Features.Chat.Log;

/// <summary>What a render asks of the log's script once the browser shows it.</summary>
[Flags]
public enum LogScroll
{
    None = 0,

    /// <summary>Bring the highlighted message into view.</summary>
    Highlight = 1,

    /// <summary>A page arrived at one end: keep the message the reader looks at in place.</summary>
    KeepPosition = 2,

    /// <summary>Follow to the newest message.</summary>
    Bottom = 4,
}

/// <summary>A change of the feed: where to scroll, and the messages that arrived at the bottom (to announce).</summary>
public readonly record struct LogChange(LogScroll Scroll, IReadOnlyList<ChatMessage> Arrived)
{
    public static readonly LogChange Shown = new(LogScroll.None, []);
}

/// <summary>
/// The open conversation as the reader moves through it, with no renderer: the stretch the <see cref="LogWindow"/> holds
/// (the newest page, the page around a message, older and newer pages at its ends), messages arriving live (the next
/// appended, a duplicate ignored, a gap read from the database), "N new messages" below a reader who is further back,
/// and the message a jump highlights. Each change goes to <c>changed</c>, which renders it.
/// </summary>
/// <remarks>
/// Loads overlap (a button pressed while the script loads a page, a jump while a page is on its way, a message arriving
/// meanwhile), and each awaits the database: one page at a time loads at the ends, and what arrives for a window that has
/// moved meanwhile is dropped rather than added twice or out of place. A jump or the way back to the newest replaces the
/// window and wins.
/// </remarks>
/// <param name="lastSeq">The conversation's newest Seq when it was opened.</param>
public sealed class LogFeed(
    LogWindow window, IConversationReads reads, string userId, long lastSeq, Action<LogChange> changed, CancellationToken stop)
{
    private int _generation;
    private bool _paging;

    /// <summary>The newest Seq the hub has told of: one that arrived while a page was on its way is read once it is in.</summary>
    private long _latestKnownSeq;

    /// <summary>The newest Seq counted in "N new messages": a message told of and then read from the database counts once.</summary>
    private long _countedSeq;

    public LogWindow Window { get; } = window;

    /// <summary>The message a jump showed (a search result, a quote's original, a pin); the log follows new ones again once the reader is back at the bottom.</summary>
    public long? HighlightSeq { get; private set; }

    /// <summary>Messages that arrived below a reader who is not at the bottom.</summary>
    public int NewBelow { get; private set; }

    /// <summary>Whether the reader is at the bottom of the log (the script says).</summary>
    public bool AtBottom { get; private set; } = true;

    /// <summary>Opens at a message asked for (highlighted), else around the first unread one, else at the newest.</summary>
    public async Task OpenAsync(long? jumpTo, ReaderPosition position)
    {
        if (jumpTo is { } seq)
        {
            await ShowAroundAsync(seq);
        }
        else if (position.FirstUnreadSeq is not null && position.OpenAround is { } first)
        {
            await ShowAroundAsync(first);
            HighlightSeq = null;
        }
        else
        {
            await ShowNewestAsync();
        }
    }

    /// <summary>Shows a message (a search result, a quote's original, a pin): at once when it is held, else with the page around it.</summary>
    public async Task JumpToAsync(long seq)
    {
        if (!Window.Spans(seq) && !await ShowAroundAsync(seq))
        {
            // Another jump (or the way back to the newest) came after this one and won.
            return;
        }

        HighlightSeq = Window.Find(seq) is null ? null : seq;
        changed(new(LogScroll.Highlight, []));
    }

    /// <summary>"N new messages" pressed: down to the newest, reading it afresh when the window let go of it.</summary>
    public async Task JumpToBottomAsync()
    {
        if (Window.HasNewer)
        {
            await ShowNewestAtBottomAsync();
            return;
        }

        (HighlightSeq, NewBelow) = (null, 0);
        changed(new(LogScroll.Bottom, []));
    }

    public void ReaderAtBottom(bool atBottom)
    {
        AtBottom = atBottom;
        if (atBottom)
        {
            NewBelow = 0;
            if (!Window.HasNewer)
            {
                // Back at the newest after a jump: follow new messages (and report them seen) again.
                HighlightSeq = null;
            }
        }

        changed(LogChange.Shown);
    }

    /// <summary>
    /// Prepends the previous page (letting go of the newest beyond the window); answers whether a page was added.
    /// </summary>
    /// <param name="measure">Lets the script note the reader's place before the page arrives.</param>
    public async Task<bool> LoadOlderAsync(Func<Task> measure)
    {
        if (!Window.HasOlder || Window.Count == 0 || _paging)
        {
            return false;
        }

        _paging = true;
        try
        {
            var (generation, first) = (_generation, Window.FirstSeq);
            await measure();
            var older = await reads.PageBeforeAsync(first, stop);
            if (generation != _generation || Window.Count == 0 || Window.FirstSeq != first)
            {
                return false;
            }

            Window.Prepend(older);
            changed(new(LogScroll.KeepPosition, []));
            return true;
        }
        finally
        {
            _paging = false;
        }
    }

    /// <summary>
    /// Appends the next page (letting go of the oldest beyond the window); answers whether a page was added. The caller
    /// then reads what the hub told of meanwhile (<see cref="CatchUpIfBehindAsync"/>).
    /// </summary>
    /// <param name="measure">Lets the script note the reader's place before the page arrives.</param>
    public async Task<bool> LoadNewerAsync(Func<Task> measure)
    {
        if (!Window.HasNewer || _paging)
        {
            return false;
        }

        _paging = true;
        try
        {
            var (generation, after) = (_generation, Window.LastSeq);
            await measure();
            // One more than a page tells whether there are more after it.
            var newer = await reads.AfterAsync(after, MessageRules.PageSize + 1, stop);
            if (generation != _generation || Window.LastSeq != after)
            {
                return false;
            }

            Window.AppendPage([.. newer.Take(MessageRules.PageSize)], hasNewer: newer.Count > MessageRules.PageSize);
            changed(new(LogScroll.KeepPosition, []));
            return true;
        }
        finally
        {
            _paging = false;
        }
    }

    /// <summary>The next Seq is appended; an older one is a duplicate; a later one means a gap, read from the database.</summary>
    public async Task ReceiveAsync(ChatMessage message)
    {
        _latestKnownSeq = Math.Max(_latestKnownSeq, message.Seq);
        if (message.Seq <= Window.LastSeq)
        {
            return;
        }

        if (Window.HasNewer && message.SenderId == userId)
        {
            // One's own message, sent while reading further back: go to it, as every messenger does.
            await ShowNewestAtBottomAsync();
        }
        else if (Window.HasNewer)
        {
            // The reader is further back (a search result, a long unread stretch): offer the way down, leave no hole.
            CountNew([message]);
            changed(LogChange.Shown);
        }
        else if (message.Seq == Window.LastSeq + 1)
        {
            Append([message], moreBeyond: false);
        }
        else
        {
            await CatchUpAsync();
        }
    }

    /// <summary>
    /// After a reconnect, or once the script is attached: what came meanwhile. A reader further back (the newest let go
    /// of) or held by a jump reads it as they scroll down: nothing below them is new to them yet.
    /// </summary>
    public Task CatchUpAtNewestAsync() => Window.HasNewer ? Task.CompletedTask : CatchUpAsync();

    /// <summary>A message the hub told of while a page was loading, and which that page was read too early to hold.</summary>
    public Task CatchUpIfBehindAsync() =>
        !Window.HasNewer && _latestKnownSeq > Window.LastSeq ? CatchUpAsync() : Task.CompletedTask;

    private async Task<bool> ShowNewestAsync()
    {
        var generation = ++_generation;
        var page = await reads.PageBeforeAsync(null, stop);
        if (generation != _generation)
        {
            return false;
        }

        Window.ShowNewest(page);
        (HighlightSeq, NewBelow) = (null, 0);
        await CatchUpIfBehindAsync();
        return true;
    }

    /// <summary>Replaces the window with the page around a message (highlighted when readable); false when another load won.</summary>
    private async Task<bool> ShowAroundAsync(long seq)
    {
        var generation = ++_generation;
        var around = await reads.AroundAsync(seq, stop);
        var hasNewer = around.Count > 0 && (around[^1].Seq < lastSeq
            || (await reads.AfterAsync(around[^1].Seq, 1, stop)).Count > 0);
        if (generation != _generation)
        {
            return false;
        }

        Window.ShowAround(around, hasNewer);
        (HighlightSeq, NewBelow) = (around.Any(m => m.Seq == seq) ? seq : null, 0);
        await CatchUpIfBehindAsync();
        return true;
    }

    private async Task ShowNewestAtBottomAsync()
    {
        if (await ShowNewestAsync())
        {
            changed(new(LogScroll.Bottom, []));
        }
    }

    private async Task CatchUpAsync()
    {
        try
        {
            var (generation, after) = (_generation, Window.LastSeq);
            var missing = await reads.AfterAsync(after, MessageRules.CatchUpLimit, stop);
            if (generation != _generation || Window.LastSeq < after)
            {
                // A jump or the way back to the newest replaced the window meanwhile and read it afresh, or an older
                // page let go of the newest (they load again on the way down).
                return;
            }

            Append([.. missing.Where(m => m.Seq > Window.LastSeq)], moreBeyond: missing.Count == MessageRules.CatchUpLimit);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Adds messages that follow the window. A reader at the newest keeps the newest (the oldest go); one reading further
    /// back keeps their place, and what does not fit in the window waits below, on the way down.
    /// </summary>
    private void Append(IReadOnlyList<ChatMessage> fresh, bool moreBeyond)
    {
        Window.Append(fresh, Follows(fresh), moreBeyond);
        var scroll = LogScroll.None;
        if (fresh.Count > 0 && Follows(fresh))
        {
            (scroll, NewBelow) = (LogScroll.Bottom, 0);
        }
        else if (fresh.Count > 0)
        {
            CountNew(fresh);
        }

        changed(new(scroll, fresh));
    }

    private void CountNew(IReadOnlyList<ChatMessage> arrived)
    {
        NewBelow += arrived.Count(m => m.Seq > _countedSeq);
        _countedSeq = Math.Max(_countedSeq, arrived[^1].Seq);
    }

    /// <summary>Whether the log follows new messages to the bottom: the reader is there (or sent one) and no jump holds them.</summary>
    private bool Follows(IReadOnlyList<ChatMessage> arrived) =>
        !Window.HasNewer && HighlightSeq is null && (AtBottom || arrived.Any(m => m.SenderId == userId));
}
