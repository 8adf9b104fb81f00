using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// The composer's attachment: an image (re-encoded by the server) or any other file (sent as it is), chosen, pasted or
/// dropped, uploaded with progress when Send is pressed, with the box's text as its caption.
/// </summary>
public sealed partial class Composer
{
    private bool _attachmentIsImage;

    /// <summary>A file that cannot be sent is refused the moment it is picked, pasted or dropped, not at Send.</summary>
    private void OnFileChosen(InputFileChangeEventArgs e)
    {
        _error = null;
        _attachment = null;
        _attachmentIsImage = ImageFormats.Accepted.Contains(e.File.ContentType);
        _attachmentError = _attachmentIsImage && e.File.Size > Images.MaxBytes ? Images.TooLarge
            : !_attachmentIsImage && e.File.Size > Options.Value.MaxFileBytes ? Attachments.TooLarge
            : e.File.Size == 0 ? MediaRules.EmptyFile
            : null;
        if (_attachmentError is null)
        {
            _attachment = e.File;
            _clientMessageId = Guid.NewGuid();
            _showPreview = _attachmentIsImage;
        }
    }

    private void CancelAttachment()
    {
        _upload?.Cancel();
        (_attachment, _attachmentError, _uploading) = (null, null, false);
    }

    /// <summary>Send with a file attached: uploads it with the box's text as its caption; true when it was stored.</summary>
    [JSInvokable]
    public async Task<bool> SendAttachmentAsync(string caption)
    {
        if (_sending || _attachment is not { } file)
        {
            return false;
        }

        _sending = true;
        var replyTo = _replyTo;
        try
        {
            StateHasChanged();
            var result = await UploadAsync(file, caption, replyTo?.Quote.Id);
            if (result is null)
            {
                return false;
            }

            if (result.Succeeded)
            {
                (_error, _attachment, _clientMessageId) = (null, null, Guid.NewGuid());
                _replyTo = _replyTo == replyTo ? null : _replyTo;
                return true;
            }

            _error = result.Error;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Sending an attachment failed.");
            _error = "The file could not be sent. Try again.";
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
    private async Task<ServiceResult<ChatMessage>?> UploadAsync(IBrowserFile file, string caption, long? replyToId)
    {
        _upload = new CancellationTokenSource();
        _uploading = true;
        _progress = 0;
        var ct = _upload.Token;
        try
        {
            var max = _attachmentIsImage ? Images.MaxBytes : Options.Value.MaxFileBytes;
            await using var stream = new ProgressStream(file.OpenReadStream(max, ct), file.Size, ShowProgress);
            if (!_attachmentIsImage)
            {
                return await Attachments.SendFileAsync(UserId, ConversationId, _clientMessageId,
                    new FileUpload(stream, file.Name, file.ContentType), caption, replyToId, ct);
            }

            using var buffer = new MemoryStream((int)file.Size);
            await stream.CopyToAsync(buffer, ct);
            return await Attachments.SendImageAsync(UserId, ConversationId, _clientMessageId, buffer.ToArray(), caption, replyToId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Renders at every 5 % only: each render is a trip to the browser.</summary>
    private void ShowProgress(double percent)
    {
        if (percent - _progress >= 5 || percent >= 100)
        {
            _progress = percent;
            _ = InvokeAsync(StateHasChanged);
        }
    }
}
