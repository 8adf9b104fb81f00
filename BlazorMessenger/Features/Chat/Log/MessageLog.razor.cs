using BlazorMessenger.Components.Layout;
using BlazorMessenger.Components.Shared;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// The open conversation's messages, held by Seq, at most a window of them. This file: parameters, start-up and disposal.
/// The other parts: Paging (older, newer and around a message, and the window), Live (hub events, gap repair and
/// catch-up), Reading (the unread divider and read marks, which only the browser can give), People (names and avatars),
/// Actions (what a bubble's buttons ask, through the log's script), Receipts (the ticks) and Scrolling (what each render
/// asks of the script once the browser shows it).
/// </summary>
public sealed partial class MessageLog : IAsyncDisposable
{
    private LogWindow _window = new(0);
    private readonly CancellationTokenSource _cts = new();
    private ElementReference _logElement;
    private HubListener? _listener;
    private IJSObjectReference? _module;
    private IJSObjectReference? _scrolling;
    private DotNetObjectReference<MessageLog>? _self;
    private OpenConversation? _peopleOf;
    private long? _jumpParameter;

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

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private TimeZoneInfo? TimeZone { get; set; }

    /// <summary>A separator goes above the first message of each of the reader's calendar days.</summary>
    private bool StartsDay(int index) => index == 0
        || ClientTime.LocalDay(_window.Messages[index].CreatedUtc, Zone) != ClientTime.LocalDay(_window.Messages[index - 1].CreatedUtc, Zone);

    private TimeZoneInfo Zone => TimeZone ?? TimeZoneInfo.Utc;

    /// <summary>A run of one sender's messages starts after someone else's, a system line or a day separator.</summary>
    private BubbleLook LookOf(int index, bool startsDay)
    {
        var (message, previous) = (_window.Messages[index], index > 0 ? _window.Messages[index - 1] : null);
        var startsRun = startsDay || previous!.SenderId != message.SenderId || previous.Kind == Data.MessageKind.System;
        return (startsRun ? BubbleLook.StartsRun : 0)
            | (startsRun && Conversation.IsGroup && message.SenderId != UserId ? BubbleLook.ShowsName : 0)
            | (message.Seq == _highlightSeq ? BubbleLook.Highlighted : 0)
            | BubbleLooks.Of(ReceiptOf(message));
    }

    private long LastSeq => _window.LastSeq;

    /// <summary>The messages of blocked people the reader chose to see (the rest show as one collapsed line each).</summary>
    private readonly HashSet<long> _expanded = [];

    private bool Collapsed(ChatMessage message) => Conversation.HasBlocked(message.SenderId) && !_expanded.Contains(message.Seq);

    protected override async Task OnInitializedAsync()
    {
        // At least two pages, so that the page the reader is looking at always stays while the next one loads.
        _window = new LogWindow(Math.Max(Options.Value.Messages.RenderWindow, 2 * MessageRules.PageSize));
        // Seen reports below the position need no trip to the database.
        _position = new ReaderPosition(Conversation.LastReadSeq, Conversation.LastSeq);
        await LoadReceiptsAsync();
        await LoadCanPinAsync();
        if (JumpTo is { } seq)
        {
            await LoadAroundAsync(seq);
        }
        else if (_position.FirstUnreadSeq is not null)
        {
            await OpenAtFirstUnreadAsync();
        }
        else
        {
            await LoadNewestAsync();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!ReferenceEquals(_peopleOf, Conversation))
        {
            // A group's page hands in a fresh conversation when its members change: take their names and pictures, and
            // read the positions again (whose count changed with the members).
            var membersChanged = _peopleOf is not null;
            _peopleOf = Conversation;
            _people = new Dictionary<string, ChatPeer>(Conversation.People, StringComparer.Ordinal);
            PeopleChanged();
            if (membersChanged)
            {
                await LoadReceiptsAsync();
                await LoadCanPinAsync();
            }
        }

        // Only a new ?at= moves the log: a jump to a quote or pin since must not be undone by the page rendering again.
        if (_module is not null && JumpTo is { } seq && seq != _jumpParameter && await LoadAroundAsync(seq))
        {
            _scroll |= ScrollWork.Highlight;
        }

        _jumpParameter = JumpTo;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _scrollWork.TryDequeue(out _);
            await StartAsync();
            return;
        }

        await DoScrollWorkAsync();
    }

    /// <summary>
    /// Subscribes, then attaches the scripts and catches up from the database. Switching conversations quickly disposes
    /// this log while these calls are in flight: stop at the first await that returns to a disposed log rather than
    /// touch the references DisposeAsync released.
    /// </summary>
    private async Task StartAsync()
    {
        _listener = HubListener.Start(Hub, UserId, InvokeAsync, DispatchExceptionAsync, OnEventAsync)
            .OnReconnected(Circuit, CatchUpAfterReconnectAsync);
        _self = DotNetObjectReference.Create(this);
        _module = await JS.ImportAsync("./Features/Chat/Log/MessageLog.razor.js", () => _cts.IsCancellationRequested);
        if (_module is null)
        {
            return;
        }

        var scrolling = await ScriptAsync<IJSObjectReference>(_module, "attach", _logElement, _self, StartAt);
        if (_cts.IsCancellationRequested || scrolling is null)
        {
            await scrolling.ReleaseAsync("dispose");
            return;
        }

        _scrolling = scrolling;
        if (_highlightSeq is null && !_window.HasNewer)
        {
            await CatchUpAsync();
        }
    }

    /// <summary>
    /// Calls the log's script without a cancellation token: cancelling a call whose answer is already on its way makes
    /// the framework complete its task twice, which ends the circuit (seen when switching conversations quickly). A log
    /// disposed meanwhile ignores what its script answers about elements that are gone.
    /// </summary>
    private async Task<T?> ScriptAsync<T>(IJSObjectReference module, string identifier, params object?[] args)
    {
        try
        {
            return await module.InvokeAsync<T>(identifier, args);
        }
        catch (Exception ex) when (_cts.IsCancellationRequested && ex is JSException or JSDisconnectedException)
        {
            return default;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener?.Dispose();
        await _cts.CancelAsync();
        await _scrolling.ReleaseAsync("dispose");
        await _module.ReleaseAsync();

        // _cts is cancelled, not disposed: a render still in flight may read its token after this.
        _self?.Dispose();
    }
}
