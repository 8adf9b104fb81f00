using BlazorMessenger.Features.Media;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Writes one message at a time, text or an image with a caption. Its client message id stays the same until the
/// server has stored the message, so a retry after a failure or a second click can never store it twice.
/// </summary>
public sealed partial class Composer : IAsyncDisposable
{
    private ElementReference _textArea;
    private ElementReference _area;
    private IJSObjectReference? _module;
    private IJSObjectReference? _listeners;
    private string _text = "";
    private string? _error;
    private bool _sending;
    private Guid _clientMessageId = Guid.NewGuid();
    private IBrowserFile? _attachment;
    private bool _uploading;
    private double _progress;
    private CancellationTokenSource? _upload;
    private bool _disposed;

    [Parameter, EditorRequired]
    public long ConversationId { get; set; }

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Inject]
    private ChatService Chat { get; set; } = default!;

    [Inject]
    private ImageProcessor Images { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<Composer> Logger { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Switching conversations quickly disposes the composer while these calls are in flight: after each await,
        // a disposed composer releases what it just got instead of using references DisposeAsync already released.
        var module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Chat/Composer.razor.js");
        if (_disposed)
        {
            await module.DisposeAsync();
            return;
        }

        _module = module;
        var listeners = await _module.InvokeAsync<IJSObjectReference>("attach", _area, _textArea);
        if (_disposed)
        {
            await listeners.InvokeVoidAsync("dispose");
            await listeners.DisposeAsync();
            return;
        }

        _listeners = listeners;
        await _module.InvokeVoidAsync("focus", _textArea);
    }

    private async Task InsertEmojiAsync(string emoji)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("insertAtCaret", _textArea, emoji);
        }
        else
        {
            _text += emoji;
        }
    }

    private Task SendAsync() => _attachment is { } file ? SendImageAsync(file) : SendTextAsync();

    /// <summary>
    /// Empties the box at once, so the next message can be typed and sent while this one is on its way. A refused or
    /// failed message comes back into the (still empty) box with its client id, so a retry can never store it twice.
    /// </summary>
    private async Task SendTextAsync()
    {
        var text = _text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (text.Trim().Length > MessageRules.MaxLength)
        {
            _error = MessageRules.TooLong;
            return;
        }

        var clientMessageId = _clientMessageId;
        (_text, _error, _clientMessageId) = ("", null, Guid.NewGuid());
        string? error;
        try
        {
            error = (await Chat.SendAsync(UserId, ConversationId, clientMessageId, text)).Error;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Sending a message failed.");
            error = "The message could not be sent. Try again.";
        }

        if (error is not null)
        {
            _error = error;
            if (_text.Length == 0)
            {
                (_text, _clientMessageId) = (text, clientMessageId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _upload?.Cancel();
        try
        {
            if (_listeners is not null)
            {
                await _listeners.InvokeVoidAsync("dispose");
                await _listeners.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so are the listeners.
        }
    }
}
