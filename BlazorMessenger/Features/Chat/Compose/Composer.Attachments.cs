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
    private AttachmentDraft _draft = default!;

    protected override void OnInitialized() =>
        _draft = new((Images.MaxBytes, Images.TooLarge), (Options.Value.MaxFileBytes, Attachments.TooLarge));

    /// <summary>A file that cannot be sent is refused the moment it is picked, pasted or dropped, not at Send.</summary>
    private void OnFileChosen(InputFileChangeEventArgs e)
    {
        _error = null;
        _showPreview = _draft.Pick(e.File) && _draft.IsImage;
    }

    private void CancelAttachment()
    {
        _upload?.Cancel();
        _draft.Clear();
    }

    /// <summary>Send with a file attached: uploads it with the box's text as its caption; true when it was stored.</summary>
    [JSInvokable]
    public async Task<bool> SendAttachmentAsync(string caption)
    {
        if (_sending || _draft.File is not { } file)
        {
            return false;
        }

        _sending = true;
        var replyTo = _reply.Current;
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
                _draft.Stored();
                _error = null;
                _reply.SentWith(replyTo);
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
            _draft.UploadStopped();
            StateHasChanged();
        }

        return false;
    }

    /// <summary>Streams the file from the browser with progress; null when the person cancelled.</summary>
    private async Task<ServiceResult<ChatMessage>?> UploadAsync(IBrowserFile file, string caption, long? replyToId)
    {
        _upload = new CancellationTokenSource();
        _draft.UploadStarted();
        var ct = _upload.Token;
        try
        {
            await using var stream = new ProgressStream(file.OpenReadStream(_draft.MaxBytes, ct), file.Size, ShowProgress);
            if (!_draft.IsImage)
            {
                return await Attachments.SendFileAsync(UserId, ConversationId, _draft.ClientMessageId,
                    new FileUpload(stream, file.Name, file.ContentType), caption, replyToId, ct);
            }

            using var buffer = new MemoryStream((int)file.Size);
            await stream.CopyToAsync(buffer, ct);
            return await Attachments.SendImageAsync(UserId, ConversationId, _draft.ClientMessageId, buffer.ToArray(), caption, replyToId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private void ShowProgress(double percent)
    {
        if (_draft.Advanced(percent))
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }
}
