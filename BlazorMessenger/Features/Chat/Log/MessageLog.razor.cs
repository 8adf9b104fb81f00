using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// The open conversation's messages. What is held and where the reader is live in <see cref="LogFeed"/> and
/// <see cref="ReaderPosition"/>; this component renders them, and its script (<see cref="LogScript"/>) scrolls, loads
/// pages at the ends and reports what the reader has seen. This file: parameters, start-up, the script's
/// calls and disposal. The other parts: Events (the hub's events and the receipts' ticks) and Actions (what a bubble's
/// buttons ask); <see cref="LogPeople"/> names everyone.
/// </summary>
public sealed partial class MessageLog : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private LogFeed _feed = default!;
    private LogScript _script = default!;
    private ReaderPosition _position = new(0, 0);
    private ElementReference _logElement;
    private HubListener? _listener;
    private DotNetObjectReference<MessageLog>? _self;
    private OpenConversation? _peopleOf;
    private LogPeople _people = default!;
    private LogLooks _looks = default!;
    private long? _jumpParameter;

    /// <summary>The divider shows above the first unread message once the log opened there.</summary>
    private long? _firstUnreadSeq;

    /// <summary>The messages of blocked people the reader chose to see (the rest show as one collapsed line each).</summary>
    private readonly HashSet<long> _expanded = [];

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

    [Inject]
    private IOptions<MessageOptions> Options { get; set; } = default!;

    [CascadingParameter]
    private TimeZoneInfo? TimeZone { get; set; }

    private LogWindow Window => _feed.Window;

    private SenderNames Names => _people.Names;

    private TimeZoneInfo Zone => TimeZone ?? TimeZoneInfo.Utc;

    private bool Collapsed(ChatMessage message) => Conversation.HasBlocked(message.SenderId) && !_expanded.Contains(message.Seq);

    /// <summary>Where the script puts the reader first: the search result, the divider, or (null) the newest message.</summary>
    private object? StartAt =>
        _feed.HighlightSeq is { } seq ? new { Selector = $"[data-seq=\"{seq}\"]", Block = "center" }
        : _firstUnreadSeq is not null ? new { Selector = "[data-unread-divider]", Block = "start" }
        : null;

    protected override async Task OnInitializedAsync()
    {
        _people = new LogPeople(UserId, UserName);
        _script = new LogScript(JS, _cts.Token);
        _looks = new LogLooks(UserId, Conversation.IsGroup);
        // At least two pages, so that the page the reader is looking at always stays while the next one loads.
        var window = new LogWindow(Math.Max(Options.Value.RenderWindow, 2 * MessageRules.PageSize));
        _feed = new LogFeed(window, new ConversationReads(Chat, UserId, Conversation.Id), UserId, Conversation.LastSeq, OnFeedChanged, _cts.Token);
        // Seen reports below the position need no trip to the database.
        _position = new ReaderPosition(Conversation.LastReadSeq, Conversation.LastSeq);
        await LoadReceiptsAsync();
        await LoadCanPinAsync();
        await _feed.OpenAsync(JumpTo, _position);
        _firstUnreadSeq = JumpTo is null ? _position.FirstUnreadSeq : null;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!ReferenceEquals(_peopleOf, Conversation))
        {
            // A group's page hands in a fresh conversation when its members change: take their names and pictures, and
            // read the positions again (whose count changed with the members).
            var membersChanged = _peopleOf is not null;
            _peopleOf = Conversation;
            _people.Take(Conversation);
            if (membersChanged)
            {
                await LoadReceiptsAsync();
                await LoadCanPinAsync();
            }
        }

        // Only a new ?at= moves the log: a jump to a quote or pin since must not be undone by the page rendering again.
        if (_script.Loaded && JumpTo is { } seq && seq != _jumpParameter)
        {
            await _feed.JumpToAsync(seq);
        }

        _jumpParameter = JumpTo;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await _script.AfterRenderAsync(_logElement, _feed.HighlightSeq, firstRender);
        if (firstRender)
        {
            await StartAsync();
        }
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
        if (!await _script.AttachAsync(_logElement, _self, StartAt))
        {
            return;
        }

        if (_feed.HighlightSeq is null)
        {
            await _feed.CatchUpAtNewestAsync();
        }
    }

    /// <summary>Shows a message (a pin, from the page): at once when it is loaded, else with the page around it.</summary>
    public Task JumpToAsync(long seq) => _feed.JumpToAsync(seq);

    /// <summary>The script scrolled to the top: the previous page; answers whether one was added (the script then looks again).</summary>
    [JSInvokable]
    public Task<bool> LoadOlderAsync() =>
        _script.Loaded ? _feed.LoadOlderAsync(() => _script.MeasureAsync(_logElement, fromBottom: false)) : Task.FromResult(false);

    /// <summary>The script scrolled to the bottom of an older stretch: the next page; answers whether one was added.</summary>
    [JSInvokable]
    public async Task<bool> LoadNewerAsync()
    {
        if (!_script.Loaded || !await _feed.LoadNewerAsync(() => _script.MeasureAsync(_logElement, fromBottom: true)))
        {
            return false;
        }

        try
        {
            await _feed.CatchUpIfBehindAsync();
        }
        catch (Exception ex)
        {
            // The page is in and the script waits for its position: the catch-up's failure is the log's, not the page's.
            await DispatchExceptionAsync(ex);
        }

        return true;
    }

    /// <summary>
    /// The browser shows everything up to seq to someone looking at it. Only the browser marks messages read: its script
    /// reports while the tab is connected, visible and scrolled to the bottom; a circuit whose browser is gone never calls.
    /// </summary>
    [JSInvokable]
    public async Task MarkSeenAsync(long seq)
    {
        if (_position.ToMark(seq, Window.LastSeq) is { } seen)
        {
            _position.Marked(await Receipts.MarkReadAsync(UserId, Conversation.Id, seen, _cts.Token));
        }
    }

    [JSInvokable]
    public void OnAtBottomChanged(bool value) => _feed.ReaderAtBottom(value);

    private void OnFeedChanged(LogChange change)
    {
        _script.Ask(change.Scroll);
        if (change.Arrived.LastOrDefault(m => m.SenderId != UserId) is { } incoming)
        {
            Announce(incoming);
        }

        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        _listener?.Dispose();
        await _cts.CancelAsync();
        await _script.DisposeAsync();

        // _cts is cancelled, not disposed: a render still in flight may read its token after this.
        _self?.Dispose();
    }
}
