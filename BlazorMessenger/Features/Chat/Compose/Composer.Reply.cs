using BlazorMessenger.Features.Chat.Log;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// Replying: the quote above the box (<see cref="ReplyState"/>), whose id rides on the box (data-reply-to) so the browser's
/// outbox sends the reply with the text, however long the message waits there.
/// </summary>
public sealed partial class Composer
{
    private readonly ReplyState _reply = new();

    /// <summary>Puts the message's quote above the box and the caret in it (the log's "Reply").</summary>
    public async Task ReplyToAsync(ReplyRequest request)
    {
        if (_disposed)
        {
            // The group ended for the reader while the page held on to its composer.
            return;
        }

        _reply.Choose(request);
        StateHasChanged();
        await FocusMessageBoxAsync();
    }

    /// <summary>The box sent its text with the reply mark of this token: that quote goes (not one chosen since).</summary>
    [JSInvokable]
    public void ReplySent(int token)
    {
        if (_reply.SentWithToken(token))
        {
            StateHasChanged();
        }
    }

    /// <summary>A voice note went, answering that message: its quote goes unless another was chosen meanwhile.</summary>
    private void VoiceSent(long? replyToId)
    {
        _error = null;
        _reply.SentAnswering(replyToId);
    }

    private async Task CancelReplyAsync()
    {
        _reply.Cancel();
        await FocusMessageBoxAsync();
    }
}
