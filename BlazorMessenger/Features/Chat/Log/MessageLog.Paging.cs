using BlazorMessenger.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// The log's paging: the newest page, the page around a message, older pages as the reader scrolls up and newer ones as
/// they scroll back down, into the <see cref="LogWindow"/> (which lets go of as many at the other end).
/// </summary>
/// <remarks>
/// Loads overlap (a button pressed while the script loads a page, a jump while a page is on its way), and each awaits the
/// database: one page at a time loads at the ends, and what arrives for a window that has moved meanwhile is dropped
/// rather than added twice or out of place. A jump or the way back to the newest replaces the window and wins.
/// </remarks>
public sealed partial class MessageLog
{
    private long? _highlightSeq;
    private bool _paging;
    private int _generation;

    [Inject]
    private IOptions<MessengerOptions> Options { get; set; } = default!;

    /// <summary>Replaces the window with the newest page; answers false when another load replaced it meanwhile.</summary>
    private async Task<bool> LoadNewestAsync()
    {
        var generation = ++_generation;
        var page = await Chat.GetPageAsync(UserId, Conversation.Id, null, _cts.Token);
        if (generation != _generation)
        {
            return false;
        }

        _window.ShowNewest(page);
        (_highlightSeq, _newBelow) = (null, 0);
        await CatchUpIfBehindAsync();
        return true;
    }

    /// <summary>Replaces the window with the page around a message; answers false when another load replaced it meanwhile.</summary>
    private async Task<bool> LoadAroundAsync(long seq)
    {
        var generation = ++_generation;
        var around = await Chat.GetAroundAsync(UserId, Conversation.Id, seq, _cts.Token);
        var hasNewer = around.Count > 0 && (around[^1].Seq < Conversation.LastSeq
            || (await Chat.GetAfterAsync(UserId, Conversation.Id, around[^1].Seq, 1, _cts.Token)).Count > 0);
        if (generation != _generation)
        {
            return false;
        }

        _window.ShowAround(around, hasNewer);
        (_highlightSeq, _newBelow) = (around.Any(m => m.Seq == seq) ? seq : null, 0);
        await CatchUpIfBehindAsync();
        return true;
    }

    /// <summary>
    /// Prepends the previous page (letting go of the newest beyond the window); answers whether a page was added (the
    /// script then keeps the reader's message in place and looks again).
    /// </summary>
    [JSInvokable]
    public async Task<bool> LoadOlderAsync()
    {
        if (!_window.HasOlder || _window.Count == 0 || _module is null || _paging)
        {
            return false;
        }

        _paging = true;
        try
        {
            var (generation, first) = (_generation, _window.FirstSeq);
            await ScriptAsync<object>(_module, "measure", _logElement, false);
            var older = await Chat.GetPageAsync(UserId, Conversation.Id, first, _cts.Token);
            if (generation != _generation || _window.Count == 0 || _window.FirstSeq != first)
            {
                return false;
            }

            _window.Prepend(older);

            _scroll |= ScrollWork.KeepPosition;
            StateHasChanged();
            return true;
        }
        finally
        {
            _paging = false;
        }
    }

    /// <summary>Appends the next page (letting go of the oldest beyond the window); answers whether a page was added.</summary>
    [JSInvokable]
    public async Task<bool> LoadNewerAsync()
    {
        if (!_window.HasNewer || _module is null || _paging)
        {
            return false;
        }

        _paging = true;
        try
        {
            var (generation, after) = (_generation, LastSeq);
            await ScriptAsync<object>(_module, "measure", _logElement, true);
            // One more than a page tells whether there are more after it.
            var newer = await Chat.GetAfterAsync(UserId, Conversation.Id, after, MessageRules.PageSize + 1, _cts.Token);
            if (generation != _generation || LastSeq != after)
            {
                return false;
            }

            _window.AppendPage([.. newer.Take(MessageRules.PageSize)], hasNewer: newer.Count > MessageRules.PageSize);
            _scroll |= ScrollWork.KeepPosition;
            StateHasChanged();
        }
        finally
        {
            _paging = false;
        }

        try
        {
            await CatchUpIfBehindAsync();
        }
        catch (Exception ex)
        {
            // The page is in and the script waits for its position: the catch-up's failure is the log's, not the page's.
            await DispatchExceptionAsync(ex);
        }

        return true;
    }

    /// <summary>Leaves an older stretch for the newest page, scrolled to the bottom.</summary>
    private async Task ShowNewestAsync()
    {
        if (await LoadNewestAsync())
        {
            _scroll |= ScrollWork.Bottom;
            StateHasChanged();
        }
    }

    private async Task JumpToBottomAsync()
    {
        if (_window.HasNewer)
        {
            await ShowNewestAsync();
            return;
        }

        _highlightSeq = null;
        _newBelow = 0;
        _scroll |= ScrollWork.Bottom;
    }
}
