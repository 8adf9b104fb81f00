using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Writes one message at a time. Its client message id stays the same until the server has stored the message,
/// so a retry after a failure or a second click can never store it twice.
/// </summary>
public sealed partial class Composer : IAsyncDisposable
{
    private ElementReference _textArea;
    private IJSObjectReference? _module;
    private IJSObjectReference? _keys;
    private string _text = "";
    private string? _error;
    private bool _sending;
    private Guid _clientMessageId = Guid.NewGuid();

    [Parameter, EditorRequired]
    public long ConversationId { get; set; }

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Inject]
    private ChatService Chat { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<Composer> Logger { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Chat/Composer.razor.js");
            _keys = await _module.InvokeAsync<IJSObjectReference>("attach", _textArea);
            await _module.InvokeVoidAsync("focus", _textArea);
        }
    }

    private async Task SendAsync()
    {
        if (_sending || string.IsNullOrWhiteSpace(_text))
        {
            return;
        }

        _sending = true;
        try
        {
            var result = await Chat.SendAsync(UserId, ConversationId, _clientMessageId, _text);
            if (result.Succeeded)
            {
                _text = "";
                _error = null;
                _clientMessageId = Guid.NewGuid();
            }
            else
            {
                _error = result.Error;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Sending a message failed.");
            _error = "The message could not be sent. Try again.";
        }
        finally
        {
            _sending = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_keys is not null)
            {
                await _keys.InvokeVoidAsync("dispose");
                await _keys.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the listener.
        }
    }
}
