namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// What a render asks of the log's script once the browser shows it: scroll to a highlighted message, keep the reader's
/// message in place after a page arrived, or follow to the bottom.
/// </summary>
public sealed partial class MessageLog
{
    private readonly Queue<ScrollWork> _scrollWork = new();
    private ScrollWork _scroll;

    private async Task DoScrollWorkAsync()
    {
        var work = _scrollWork.TryDequeue(out var taken) ? taken : ScrollWork.None;
        if (_module is null)
        {
            return;
        }

        // A page's position first, even when a jump follows: the script waits for it before it loads at the ends again.
        if (work.HasFlag(ScrollWork.KeepPosition))
        {
            await ScriptAsync<object>(_module, "keepPosition", _logElement);
        }

        if (work.HasFlag(ScrollWork.Highlight) && _highlightSeq is { } seq)
        {
            await ScriptAsync<object>(_module, "scrollToSeq", _logElement, seq);
            return;
        }

        if (work.HasFlag(ScrollWork.Bottom))
        {
            await ScriptAsync<object>(_module, "scrollToBottom", _logElement);
        }
    }

    /// <summary>
    /// Called while rendering: what this render asks of the browser once it shows it. After-render callbacks come one
    /// per render, in order, once the browser has acknowledged that render; taken here, the work waits for the render
    /// that carries its change, not for an earlier one still being acknowledged (a page loaded at the bottom was then
    /// kept in place before it arrived, and the view jumped).
    /// </summary>
    private void TakeScrollWork()
    {
        _scrollWork.Enqueue(_scroll);
        _scroll = ScrollWork.None;
    }

    [Flags]
    private enum ScrollWork
    {
        None = 0,
        Highlight = 1,
        KeepPosition = 2,
        Bottom = 4,
    }
}
