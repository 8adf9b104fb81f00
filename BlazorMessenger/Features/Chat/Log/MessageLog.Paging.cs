using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>The log's paging: the newest page, the page around a message, older pages as the reader scrolls up, newer ones.</summary>
public sealed partial class MessageLog
{
    private bool _hasOlder;
    private bool _hasNewer;
    private long? _highlightSeq;
    private bool _scrollToHighlightAfterRender;
    private object? _positionBeforePrepend;

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

    /// <summary>Prepends the previous page; answers whether there are older messages still.</summary>
    [JSInvokable]
    public async Task<bool> LoadOlderAsync()
    {
        if (!_hasOlder || _messages.Count == 0 || _module is null)
        {
            return false;
        }

        _positionBeforePrepend = await ScriptAsync<object>(_module, "measure", _logElement);
        var older = await Chat.GetPageAsync(UserId, Conversation.Id, _messages[0].Seq, _cts.Token);
        _messages.InsertRange(0, older);
        _hasOlder = older.Count == MessageRules.PageSize && older[0].Seq > 1;
        StateHasChanged();
        return _hasOlder;
    }

    /// <summary>Leaves an older stretch for the newest page, scrolled to the bottom.</summary>
    private async Task ShowNewestAsync()
    {
        _messages.Clear();
        (_hasNewer, _highlightSeq, _newBelow) = (false, null, 0);
        await LoadNewestAsync();
        _scrollToBottomAfterRender = true;
        StateHasChanged();
    }

    private async Task LoadNewerAsync()
    {
        await CatchUpAsync();
        _scrollToBottomAfterRender = false;
    }

    private async Task JumpToBottomAsync()
    {
        if (_hasNewer)
        {
            await CatchUpAsync();
        }

        _highlightSeq = null;
        _newBelow = 0;
        _scrollToBottomAfterRender = true;
    }
}
