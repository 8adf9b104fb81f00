using BlazorMessenger.Features.Media;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>The composer's image half: choosing, uploading with progress, cancelling and sending with a caption.</summary>
public sealed partial class Composer
{
    /// <summary>A file that cannot be sent is refused the moment it is picked, pasted or dropped, not at Send.</summary>
    private void OnFileChosen(InputFileChangeEventArgs e)
    {
        _error = null;
        _attachment = null;
        _attachmentError = !ImageFormats.Accepted.Contains(e.File.ContentType) ? ImageProcessor.NotAnImage
            : e.File.Size > Images.MaxBytes ? Images.TooLarge
            : null;
        if (_attachmentError is null)
        {
            _attachment = e.File;
            _clientMessageId = Guid.NewGuid();
            _showPreview = true;
        }
    }

    private void CancelAttachment()
    {
        _upload?.Cancel();
        (_attachment, _attachmentError, _uploading) = (null, null, false);
    }

    /// <summary>Send with an image attached: uploads it with the box's text as its caption; true when it was stored.</summary>
    [JSInvokable]
    public async Task<bool> SendImageAsync(string caption)
    {
        if (_sending || _attachment is not { } file)
        {
            return false;
        }

        _sending = true;
        try
        {
            StateHasChanged();
            var result = await UploadAsync(file, caption);
            if (result is null)
            {
                return false;
            }

            if (result.Succeeded)
            {
                (_error, _attachment, _clientMessageId, _replyTo) = (null, null, Guid.NewGuid(), null);
                return true;
            }

            _error = result.Error;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Sending an image failed.");
            _error = "The image could not be sent. Try again.";
        }
        finally
        {
            _sending = false;
            _uploading = false;
            StateHasChanged();
        }

        return false;
    }

    /// <summary>Streams the file from the browser with progress; null when the person cancelled.</summary>
    private async Task<ServiceResult<ChatMessage>?> UploadAsync(IBrowserFile file, string caption)
    {
        _upload = new CancellationTokenSource();
        _uploading = true;
        _progress = 0;
        var ct = _upload.Token;
        try
        {
            var buffer = new byte[file.Size];
            await using var stream = file.OpenReadStream(Images.MaxBytes, ct);
            var read = 0;
            var lastShown = 0.0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
                if (n == 0)
                {
                    break;
                }

                read += n;
                _progress = 100.0 * read / buffer.Length;
                if (_progress - lastShown >= 5)
                {
                    lastShown = _progress;
                    StateHasChanged();
                }
            }

            return await Chat.SendImageAsync(UserId, ConversationId, _clientMessageId, buffer[..read], caption, _replyTo?.Quote.Id, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024.0):0.0} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}
