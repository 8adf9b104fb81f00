using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// What the browser's outbox (Composer.Outbox.js) hears back for one message: stored; refused (Error: it shows "Not
/// sent"); not now (RetryLater: the send limit or a busy server, so it waits and sends again, in order); or the server
/// failed to store it (ServerError: tried again a few times before it shows "Not sent").
/// </summary>
public sealed record SendOutcome(bool Stored, string? Error, bool RetryLater = false, bool ServerError = false);

/// <summary>
/// The circuit's end of the browser's outbox: once the page is interactive it hands the outbox a reference to itself,
/// and the outbox sends every waiting message through it, in order, again after each reconnect or reload. The sender is
/// always the circuit's signed-in user; the browser only says which conversation and what text. After a reconnect the
/// page also asks it when the circuit's components have caught up (CaughtUpAsync): it says "Updating…" until then.
/// </summary>
public sealed class OutboxSender : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private DotNetObjectReference<OutboxSender>? _self;
    private IJSObjectReference? _module;

    /// <summary>The signed-in user, from the layout's authentication state.</summary>
    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Inject]
    private ChatService Chat { get; set; } = default!;

    [Inject]
    private CircuitEvents Circuit { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<OutboxSender> Logger { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || UserId.Length == 0)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        _module = await JS.ImportAsync("./Features/Chat/Compose/Composer.Text.js", () => _cts.IsCancellationRequested);
        if (_module is null)
        {
            return;
        }

        await _module.InvokeVoidAsync("connect", _self, UserId);
    }

    /// <summary>Stores one message of the outbox; see <see cref="SendOutcome"/> for the answers.</summary>
    [JSInvokable]
    public async Task<SendOutcome> SendAsync(string clientMessageId, long conversationId, string text, long? replyToId = null)
    {
        if (!Guid.TryParse(clientMessageId, out var id))
        {
            return new(false, "This message has no valid id and can't be sent.");
        }

        try
        {
            var result = await Chat.SendAsync(UserId, conversationId, id, text, replyToId, _cts.Token);
            return new(result.Succeeded, result.Error, result.Error is MessageRules.SlowDown or MessageRules.ServerBusy);
        }
        catch (NotAMemberException)
        {
            return new(false, ChatService.NotInConversation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Storing a message from the outbox failed; the browser will try again.");
            return new(false, "The server could not store this message.", ServerError: true);
        }
    }

    /// <summary>Answers once every component of this circuit has caught up after the latest reconnect.</summary>
    [JSInvokable]
    public Task CaughtUpAsync() => Circuit.CaughtUpAsync();

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("disconnect", _self);
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone; so is its outbox's reference to this circuit.
        }

        await _module.ReleaseAsync();

        _self?.Dispose();
    }
}
