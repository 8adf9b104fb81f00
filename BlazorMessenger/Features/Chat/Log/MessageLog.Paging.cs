using BlazorMessenger.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// The log's paging: the newest page, the page around a message, older pages as the reader scrolls up and newer ones as
/// they scroll back down. Every rendered bubble stays in the circuit's memory, so the log holds at most a window of
/// messages: a page loaded at one end lets go of as many at the other, and scrolling there loads them again.
/// </summary>
public sealed partial class MessageLog
{
    private bool _hasOlder;
    private bool _hasNewer;
    private long? _highlightSeq;

    [Inject]
    private IOptions<MessengerOptions> Options { get; set; } = default!;

    /// <summary>At least two pages, so that the page the reader is looking at always stays while the next one loads.</summary>
    private int Window => Math.Max(Options.Value.Messages.RenderWindow, 2 * MessageRules.PageSize);

    private async Task LoadNewestAsync()
    {
        var page = await Chat.GetPageAsync(UserId, Conversation.Id, null, _cts.Token);
        _messages.AddRange(page);
        _hasOlder = page.Count == MessageRules.PageSize && page[0].Seq > 1;
    }

    private async Task LoadAroundAsync(long seq)
    {
        var around = await Chat.GetAroundAsync(UserId, Conversation.Id, seq, _cts.Token);
        _messages.Clear();
        _messages.AddRange(around);
        _hasOlder = around.Count > 0 && around[0].Seq > 1;
        _hasNewer = around.Count > 0 && around[^1].Seq < Math.Max(Conversation.LastSeq, await LatestSeqAsync());
        _highlightSeq = around.Any(m => m.Seq == seq) ? seq : null;
        _newBelow = 0;
    }

    private async Task<long> LatestSeqAsync() =>
        (await Chat.GetPageAsync(UserId, Conversation.Id, null, _cts.Token)).LastOrDefault()?.Seq ?? 0;

    /// <summary>Prepends the previous page (letting go of the newest beyond the window); answers whether there are older ones still.</summary>
    [JSInvokable]
    public async Task<bool> LoadOlderAsync()
    {
        if (!_hasOlder || _messages.Count == 0 || _module is null)
        {
            return false;
        }

        await ScriptAsync<object>(_module, "measure", _logElement, false);
        var older = await Chat.GetPageAsync(UserId, Conversation.Id, _messages[0].Seq, _cts.Token);
        _messages.InsertRange(0, older);
        _hasOlder = older.Count == MessageRules.PageSize && older[0].Seq > 1;
        if (_messages.Count > Window)
        {
            _messages.RemoveRange(Window, _messages.Count - Window);
            _hasNewer = true;
        }

        _scroll |= ScrollWork.KeepPosition;
        StateHasChanged();
        return _hasOlder;
    }

    /// <summary>Appends the next page (letting go of the oldest beyond the window); answers whether there are newer ones still.</summary>
    [JSInvokable]
    public async Task<bool> LoadNewerAsync()
    {
        if (!_hasNewer || _module is null)
        {
            return false;
        }

        await ScriptAsync<object>(_module, "measure", _logElement, true);
        // One more than a page tells whether there are more after it.
        var after = LastSeq;
        var newer = await Chat.GetAfterAsync(UserId, Conversation.Id, after, MessageRules.PageSize + 1, _cts.Token);
        _messages.AddRange(newer.Take(MessageRules.PageSize).Where(m => m.Seq > after));
        _hasNewer = newer.Count > MessageRules.PageSize;
        LetGoOfOldest();
        _scroll |= ScrollWork.KeepPosition;
        StateHasChanged();
        return _hasNewer;
    }

    /// <summary>Beyond the window the oldest messages go (scrolling up loads them again).</summary>
    private void LetGoOfOldest()
    {
        if (_messages.Count > Window)
        {
            _messages.RemoveRange(0, _messages.Count - Window);
            _hasOlder = true;
        }
    }

    /// <summary>Leaves an older stretch for the newest page, scrolled to the bottom.</summary>
    private async Task ShowNewestAsync()
    {
        _messages.Clear();
        (_hasNewer, _highlightSeq, _newBelow) = (false, null, 0);
        await LoadNewestAsync();
        _scroll |= ScrollWork.Bottom;
        StateHasChanged();
    }

    private async Task JumpToBottomAsync()
    {
        if (_hasNewer)
        {
            await ShowNewestAsync();
            return;
        }

        _highlightSeq = null;
        _newBelow = 0;
        _scroll |= ScrollWork.Bottom;
    }
}
