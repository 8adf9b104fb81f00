using BlazorMessenger.Features.Media;
using BlazorMessenger.Components.Shared;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Shared;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// Voice messages: the microphone button records (Composer.Voice.js), the bar shows the time with Cancel and Send, and the
/// recording goes up as a voice note at Send or by itself at the length limit.
/// </summary>
public sealed partial class Composer
{
    private IJSObjectReference? _recorder;
    private bool _recording;
    private Guid _voiceId = Guid.NewGuid();

    public const string MicrophoneRefused = "Allow this site to use the microphone to record a voice message.";

    private async Task StartRecordingAsync()
    {
        _error = null;
        _recording = true;
        StateHasChanged();
        try
        {
            _recorder ??= await JS.ImportAsync("./Features/Chat/Compose/Composer.Voice.js", () => _disposed);
            if (_recorder is not null && _self is not null)
            {
                // Infinite: the browser's permission prompt may stay up as long as the person likes.
                var started = await _recorder.InvokeAsync<bool>("start", CancellationToken.None, _area, Options.Value.MaxVoiceSeconds * 1000, _self);
                if (started && (!_recording || _disposed))
                {
                    await _recorder.InvokeVoidAsync("cancel", _area);
                }
            }
        }
        catch (JSException)
        {
            (_recording, _error) = (false, MicrophoneRefused);
        }
        catch (JSDisconnectedException)
        {
            // The page went away; the browser stopped the microphone with it.
        }
    }

    private async Task CancelRecordingAsync()
    {
        _recording = false;
        _voiceId = Guid.NewGuid();
        if (_recorder is not null)
        {
            await _recorder.InvokeVoidAsync("cancel", _area);
        }

        await FocusMessageBoxAsync();
    }

    /// <summary>Send in the recording bar, or the length limit reached (the script calls it then).</summary>
    [JSInvokable]
    public async Task SendRecordingAsync()
    {
        if (!_recording || _recorder is null || _sending)
        {
            return;
        }

        _sending = true;
        var replyTo = _replyTo;
        try
        {
            var recording = await _recorder.InvokeAsync<Recording?>("stop", _area);
            StateHasChanged();
            if (recording is null)
            {
                _recording = false;
                return;
            }

            await using var blob = await _recorder.InvokeAsync<IJSStreamReference>("take", _area);
            await using var stream = await blob.OpenReadStreamAsync(Options.Value.MaxFileBytes);
            var result = await Attachments.SendFileAsync(UserId, ConversationId, _voiceId,
                new FileUpload(stream, null, recording.Type, MediaKind.Voice, recording.DurationMs), null, replyTo?.Quote.Id);
            _error = result.Error;
            if (result.Succeeded)
            {
                // Sent: the recording goes; after a refusal it stays, and Send tries again with the same id.
                _recording = false;
                _voiceId = Guid.NewGuid();
                _replyTo = _replyTo == replyTo ? null : _replyTo;
                await _recorder.InvokeVoidAsync("cancel", _area);
            }
        }
        catch (NotAMemberException)
        {
            (_recording, _error) = (false, NotAMemberException.Gone);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Sending a voice message failed.");
            _error = "The voice message could not be sent. Try again.";
        }
        finally
        {
            _sending = false;
            StateHasChanged();
        }
    }

    private sealed record Recording(string Type, int DurationMs);
}
