using BlazorMessenger.Components.Shared;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// Voice messages for the composer: the composer's microphone button starts a recording (VoiceRecorder.razor.js), the bar
/// shows the time with Cancel and Send, and the recording goes up as a voice note at Send or by itself at the length
/// limit. A refused send keeps the recording and its id, so Send tries again without storing it twice.
/// </summary>
public sealed partial class VoiceRecorder : IAsyncDisposable
{
    public const string MicrophoneRefused = "Allow this site to use the microphone to record a voice message.";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private DotNetObjectReference<VoiceRecorder>? _self;
    private Guid _voiceId = Guid.NewGuid();
    private bool _sending;
    private bool _disposed;

    [Parameter, EditorRequired]
    public long ConversationId { get; set; }

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    /// <summary>The message a recording sent now answers, if the composer holds a reply.</summary>
    [Parameter]
    public long? ReplyToId { get; set; }

    /// <summary>What went wrong for the composer to say (null: nothing, at each start and after a send).</summary>
    [Parameter]
    public EventCallback<string?> OnError { get; set; }

    /// <summary>A voice note was stored, answering the given message (the composer's reply then goes).</summary>
    [Parameter]
    public EventCallback<long?> OnSent { get; set; }

    /// <summary>Cancel in the bar: the composer puts the caret back in its box.</summary>
    [Parameter]
    public EventCallback OnCancelled { get; set; }

    [Inject]
    private AttachmentService Attachments { get; set; } = default!;

    [Inject]
    private IOptions<MediaOptions> Options { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<VoiceRecorder> Logger { get; set; } = default!;

    public bool Recording { get; private set; }

    /// <summary>The composer's microphone button: asks for the microphone (the browser may prompt) and records.</summary>
    public async Task StartAsync()
    {
        Recording = true;
        StateHasChanged();
        await OnError.InvokeAsync(null);
        try
        {
            _module ??= await JS.ImportAsync("./Features/Chat/Compose/VoiceRecorder.razor.js", () => _disposed);
            _self ??= DotNetObjectReference.Create(this);
            if (_module is not null)
            {
                // Infinite: the browser's permission prompt may stay up as long as the person likes.
                var started = await _module.InvokeAsync<bool>("start", CancellationToken.None, _element, Options.Value.MaxVoiceSeconds * 1000, _self);
                if (started && (!Recording || _disposed))
                {
                    await _module.InvokeVoidAsync("cancel", _element);
                }
            }
        }
        catch (JSException)
        {
            await StopAsync(MicrophoneRefused);
        }
        catch (JSDisconnectedException)
        {
            // The page went away; the browser stopped the microphone with it.
        }
    }

    private async Task CancelAsync()
    {
        Recording = false;
        _voiceId = Guid.NewGuid();
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("cancel", _element);
        }

        await OnCancelled.InvokeAsync();
    }

    /// <summary>Send in the recording bar, or the length limit reached (the script calls it then).</summary>
    [JSInvokable]
    public async Task SendAsync()
    {
        if (!Recording || _module is null || _sending)
        {
            return;
        }

        _sending = true;
        var replyTo = ReplyToId;
        try
        {
            var recording = await _module.InvokeAsync<Recorded?>("stop", _element);
            if (recording is null)
            {
                await StopAsync(null);
                return;
            }

            await using var blob = await _module.InvokeAsync<IJSStreamReference>("take", _element);
            await using var stream = await blob.OpenReadStreamAsync(Options.Value.MaxFileBytes);
            var result = await Attachments.SendFileAsync(UserId, ConversationId, _voiceId,
                new FileUpload(stream, null, recording.Type, MediaKind.Voice, recording.DurationMs), null, replyTo);
            if (!result.Succeeded)
            {
                await OnError.InvokeAsync(result.Error);
                return;
            }

            // Sent: the recording goes; after a refusal it stays, and Send tries again with the same id.
            Recording = false;
            _voiceId = Guid.NewGuid();
            await _module.InvokeVoidAsync("cancel", _element);
            await OnSent.InvokeAsync(replyTo);
        }
        catch (NotAMemberException)
        {
            await StopAsync(NotAMemberException.Gone);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Sending a voice message failed.");
            await OnError.InvokeAsync("The voice message could not be sent. Try again.");
        }
        finally
        {
            _sending = false;
            StateHasChanged();
        }
    }

    private async Task StopAsync(string? error)
    {
        Recording = false;
        StateHasChanged();
        await OnError.InvokeAsync(error);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (Recording && _module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("cancel", _element);
            }
            catch (JSDisconnectedException)
            {
                // The page is gone, and its microphone with it.
            }
            catch (JSException)
            {
                // The element left the page first: the script's next cancel ends the recording it held.
            }
        }

        await _module.ReleaseAsync();
        _self?.Dispose();
    }

    /// <summary>What the script answers when a recording stops: its type and length.</summary>
    internal sealed record Recorded(string Type, int DurationMs);
}
