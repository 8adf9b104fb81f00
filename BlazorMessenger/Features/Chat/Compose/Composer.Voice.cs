using BlazorMessenger.Components.Shared;
using BlazorMessenger.Data;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Voice messages: the microphone button records (wwwroot/js/recorder.js), the bar shows the time with Cancel and Send, and the
/// recording goes up as a voice note at Send or by itself at the length limit.
/// </summary>
public sealed partial class Composer
{
    private IJSObjectReference? _recorder;
    private bool _recording;

    public const string MicrophoneRefused = "Allow this site to use the microphone to record a voice message.";

    private async Task StartRecordingAsync()
    {
        _error = null;
        _recording = true;
        StateHasChanged();
        try
        {
            _recorder ??= await JS.ImportAsync("./js/recorder.js", () => _disposed);
            if (_recorder is not null && _self is not null)
            {
                await _recorder.InvokeVoidAsync("start", _area, Options.Value.Media.MaxVoiceSeconds * 1000, _self);
            }
        }
        catch (JSException)
        {
            (_recording, _error) = (false, MicrophoneRefused);
        }
    }

    private async Task CancelRecordingAsync()
    {
        _recording = false;
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
        try
        {
            var recording = await _recorder.InvokeAsync<Recording?>("stop", _area);
            _recording = false;
            StateHasChanged();
            if (recording is null)
            {
                return;
            }

            var blob = await _recorder.InvokeAsync<IJSStreamReference>("take", _area);
            await using var stream = await blob.OpenReadStreamAsync(Options.Value.Media.MaxFileBytes);
            var result = await Chat.SendFileAsync(UserId, ConversationId, Guid.NewGuid(),
                new FileUpload(stream, null, recording.Type, MediaKind.Voice, recording.DurationMs), null, _replyTo?.Quote.Id);
            _error = result.Error;
            if (result.Succeeded)
            {
                _replyTo = null;
            }
        }
        catch (Exception ex) when (ex is JSException or IOException or InvalidOperationException)
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
