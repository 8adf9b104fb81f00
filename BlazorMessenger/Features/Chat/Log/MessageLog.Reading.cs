using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// What the reader has seen. The log opens at the first unread message under a "New messages" divider, and only the
/// browser marks messages read: its script reports the newest message it shows while the tab is connected, visible and
/// scrolled to the bottom. A circuit whose browser is gone never calls, so it never marks anything read.
/// </summary>
public sealed partial class MessageLog
{
    private ReaderPosition _position = new(0, 0);

    /// <summary>The divider shows above the first unread message once the log opened there.</summary>
    private long? _firstUnreadSeq;

    /// <summary>Where the script puts the reader first: the search result, the divider, or (null) the newest message.</summary>
    private object? StartAt =>
        _highlightSeq is { } seq ? new { Selector = $"[data-seq=\"{seq}\"]", Block = "center" }
        : _firstUnreadSeq is not null ? new { Selector = "[data-unread-divider]", Block = "start" }
        : null;

    private async Task OpenAtFirstUnreadAsync()
    {
        if (_position.OpenAround is { } first)
        {
            await LoadAroundAsync(first);
            _highlightSeq = null;
        }
        else
        {
            await LoadNewestAsync();
        }

        _firstUnreadSeq = _position.FirstUnreadSeq;
    }

    /// <summary>The browser shows everything up to seq to someone looking at it.</summary>
    [JSInvokable]
    public async Task MarkSeenAsync(long seq)
    {
        if (_position.ToMark(seq, LastSeq) is { } seen)
        {
            _position.Marked(await Receipts.MarkReadAsync(UserId, Conversation.Id, seen, _cts.Token));
        }
    }

    [JSInvokable]
    public void OnAtBottomChanged(bool value)
    {
        _atBottom = value;
        if (_atBottom)
        {
            _newBelow = 0;
            if (!_window.HasNewer)
            {
                // Back at the newest after a jump: follow new messages (and report them seen) again.
                _highlightSeq = null;
            }
        }

        StateHasChanged();
    }
}
