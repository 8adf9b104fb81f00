using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// The open conversation's messages. Holds them by Seq: duplicates are dropped, a gap (Seq > last + 1) is repaired by
/// reading after the last Seq it holds, and so is a reconnect.
/// </summary>
public sealed partial class MessageLog : IAsyncDisposable
{
    private readonly List<ChatMessage> _messages = [];
    private readonly CancellationTokenSource _cts = new();
    private ElementReference _logElement;
    private IDisposable? _subscription;
    private IJSObjectReference? _module;
    private IJSObjectReference? _scrolling;
    private DotNetObjectReference<MessageLog>? _self;
    private bool _hasOlder;
    private bool _atBottom = true;
    private int _newBelow;
    private bool _scrollToBottomAfterRender;
    private object? _positionBeforePrepend;
    private bool _hasNewer;
    private long? _highlightSeq;
    private long? _jumpedTo;
    private bool _scrollToHighlightAfterRender;
    private ChatPeer? _peer;

    private ChatPeer Peer => _peer ??= Conversation.Peer;

    [Parameter, EditorRequired]
    public OpenConversation Conversation { get; set; } = default!;

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    /// <summary>The reader's own username, to name their messages (image alt text, screen readers).</summary>
    [Parameter]
    public string UserName { get; set; } = "";

    /// <summary>A Seq to show (from a search result): the log loads the messages around it and scrolls it into view.</summary>
    [Parameter]
    public long? JumpTo { get; set; }

    [Inject]
    private ChatService Chat { get; set; } = default!;

    [Inject]
    private IMessengerHub Hub { get; set; } = default!;

    [Inject]
    private CircuitEvents Circuit { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private long LastSeq => _messages.Count == 0 ? 0 : _messages[^1].Seq;

    protected override async Task OnInitializedAsync()
    {
        if (JumpTo is { } seq)
        {
            await LoadAroundAsync(seq);
            return;
        }

        var page = await Chat.GetPageAsync(UserId, Conversation.Id, null, _cts.Token);
        _messages.AddRange(page);
        _hasOlder = page.Count == MessageRules.PageSize && page[0].Seq > 1;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_module is not null && JumpTo is { } seq && seq != _jumpedTo)
        {
            await LoadAroundAsync(seq);
            _scrollToHighlightAfterRender = true;
        }
    }

    private async Task LoadAroundAsync(long seq)
    {
        _jumpedTo = seq;
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

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _subscription = Hub.Subscribe(UserId, OnEvent);
            Circuit.Reconnected += OnReconnected;
            _self = DotNetObjectReference.Create(this);
            // Switching conversations quickly disposes this log while these calls are in flight: stop at the first
            // await that returns to a disposed log rather than touch the references DisposeAsync released.
            var module = await JS.InvokeAsync<IJSObjectReference>("import", _cts.Token, "./Features/Chat/MessageLog.razor.js");
            if (_cts.IsCancellationRequested)
            {
                await ReleaseAsync(module);
                return;
            }

            _module = module;
            var scrolling = await _module.InvokeAsync<IJSObjectReference>("attach", _cts.Token, _logElement, _self);
            if (_cts.IsCancellationRequested)
            {
                await ReleaseAsync(scrolling, "dispose");
                return;
            }

            _scrolling = scrolling;
            if (_highlightSeq is { } target)
            {
                await _module.InvokeVoidAsync("scrollToSeq", _cts.Token, _logElement, target);
            }
            else
            {
                await CatchUpAsync();
            }

            await MarkReadAsync();
            return;
        }

        if (_module is null)
        {
            return;
        }

        if (_scrollToHighlightAfterRender && _highlightSeq is { } seq)
        {
            _scrollToHighlightAfterRender = false;
            await _module.InvokeVoidAsync("scrollToSeq", _cts.Token, _logElement, seq);
            return;
        }

        if (_positionBeforePrepend is { } before)
        {
            _positionBeforePrepend = null;
            await _module.InvokeVoidAsync("keepPosition", _cts.Token, _logElement, before);
        }

        if (_scrollToBottomAfterRender)
        {
            _scrollToBottomAfterRender = false;
            await _module.InvokeVoidAsync("scrollToBottom", _cts.Token, _logElement);
        }
    }

    /// <summary>Prepends the previous page; answers whether there are older messages still.</summary>
    [JSInvokable]
    public async Task<bool> LoadOlderAsync()
    {
        if (!_hasOlder || _messages.Count == 0 || _module is null)
        {
            return false;
        }

        _positionBeforePrepend = await _module.InvokeAsync<object>("measure", _cts.Token, _logElement);
        var older = await Chat.GetPageAsync(UserId, Conversation.Id, _messages[0].Seq, _cts.Token);
        _messages.InsertRange(0, older);
        _hasOlder = older.Count == MessageRules.PageSize && older[0].Seq > 1;
        StateHasChanged();
        return _hasOlder;
    }

    [JSInvokable]
    public async Task OnAtBottomChanged(bool value)
    {
        _atBottom = value;
        if (_atBottom)
        {
            _newBelow = 0;
            await MarkReadAsync();
        }

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
        await MarkReadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        Circuit.Reconnected -= OnReconnected;
        await _cts.CancelAsync();
        try
        {
            if (_scrolling is not null)
            {
                await _scrolling.InvokeVoidAsync("dispose");
                await _scrolling.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is everything the script held.
        }

        // _cts is cancelled, not disposed: a render still in flight may read its token after this.
        _self?.Dispose();
    }

    private static async Task ReleaseAsync(IJSObjectReference reference, string? disposeFunction = null)
    {
        try
        {
            if (disposeFunction is not null)
            {
                await reference.InvokeVoidAsync(disposeFunction);
            }

            await reference.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the reference with it.
        }
    }
}
