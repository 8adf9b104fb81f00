using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Features.Typing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// The composer. Its text is the browser's (Composer.Text.js moves it into the outbox, which OutboxSender drains); this
/// component adds what needs the circuit: the emoji picker, replies, mentions, files and images with a caption, and voice
/// notes (<see cref="VoiceRecorder"/>). A file keeps its client message id until the server has stored it, so a retry or
/// a second click can never store it twice.
/// </summary>
public sealed partial class Composer : IAsyncDisposable
{
    private ElementReference _textArea;
    private ElementReference _area;
    private IJSObjectReference? _module;
    private IJSObjectReference? _listeners;
    private DotNetObjectReference<Composer>? _self;
    private string? _error;
    private bool _sending;
    private bool _showPreview;
    private CancellationTokenSource? _upload;
    private bool _disposed;

    [Parameter, EditorRequired]
    public long ConversationId { get; set; }

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    [Inject]
    private AttachmentService Attachments { get; set; } = default!;

    [Inject]
    private ImageProcessor Images { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<MediaOptions> Options { get; set; } = default!;

    [Inject]
    private TypingTracker Typing { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<Composer> Logger { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_showPreview && _module is not null)
        {
            _showPreview = false;
            await _module.InvokeVoidAsync("showPreview", _area);
        }

        if (!firstRender)
        {
            return;
        }

        // Switching conversations quickly disposes the composer while these calls are in flight: after each await,
        // a disposed composer releases what it just got instead of using references DisposeAsync already released.
        _module = await JS.ImportAsync("./Features/Chat/Compose/Composer.razor.js", () => _disposed);
        if (_module is null)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        _listeners = await _module.AttachAsync(() => _disposed, _area, _self);
        if (_listeners is not null)
        {
            await FocusMessageBoxAsync();
        }
    }

    private FormattingHelp? _formattingHelp;

    private VoiceRecorder? _voice;

    private async Task ChooseFileAsync()
    {
        if (_module is not null && !_disposed)
        {
            await _module.InvokeVoidAsync("chooseFile", _area);
        }
    }

    private async Task FocusMessageBoxAsync()
    {
        if (_module is not null && !_disposed)
        {
            await _module.InvokeVoidAsync("focus", _textArea);
        }
    }

    private async Task InsertEmojiAsync(string emoji)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("insertAtCaret", _textArea, emoji);
        }
    }

    /// <summary>The browser reports keys pressed in the box, at most every 3 seconds (Composer.razor.js).</summary>
    [JSInvokable]
    public async Task ReportTypingAsync()
    {
        try
        {
            await Typing.ReportAsync(UserId, ConversationId);
        }
        catch (NotAMemberException)
        {
            // Removed from the group while typing: the page turns read-only with the next system message.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _upload?.Cancel();
        await _listeners.ReleaseAsync("dispose");
        await _module.ReleaseAsync();

        _self?.Dispose();
    }
}
