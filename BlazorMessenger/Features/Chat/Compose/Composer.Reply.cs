using BlazorMessenger.Features.Chat.Log;
using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// Replying: the quote above the box, whose id rides on the box (data-reply-to) so the browser's outbox sends the reply
/// with the text, however long the message waits there.
/// </summary>
public sealed partial class Composer
{
    private ReplyDraft? _replyTo;
    private int _replyTokens;

    /// <summary>Puts the message's quote above the box and the caret in it (the log's "Reply").</summary>
    public async Task ReplyToAsync(ReplyRequest request)
    {
        if (_disposed)
        {
            // The group ended for the reader while the page held on to its composer.
            return;
        }

        var quote = ChatQuote.Of(request.Message);
        _replyTo = new ReplyDraft(quote, request.SenderName, QuoteText.Of(quote, request.UserNameOf), ++_replyTokens);
        StateHasChanged();
        await FocusMessageBoxAsync();
    }

    /// <summary>The box sent its text with the reply mark of this token: that quote goes (not one chosen since).</summary>
    [JSInvokable]
    public void ReplySent(int token)
    {
        if (_replyTo?.Token == token)
        {
            _replyTo = null;
            StateHasChanged();
        }
    }

    /// <summary>"{message id}:{token}": a new reply to the same message still changes the attribute the box's script removed.</summary>
    private string? ReplyMark => _replyTo is { } reply ? $"{reply.Quote.Id}:{reply.Token}" : null;

    /// <summary>A voice note went, answering that message: its quote goes unless another was chosen meanwhile.</summary>
    private void VoiceSent(long? replyToId)
    {
        _error = null;
        if (_replyTo?.Quote.Id == replyToId)
        {
            _replyTo = null;
        }
    }

    private async Task CancelReplyAsync()
    {
        _replyTo = null;
        await FocusMessageBoxAsync();
    }

    private sealed record ReplyDraft(ChatQuote Quote, string SenderName, string Text, int Token);
}
