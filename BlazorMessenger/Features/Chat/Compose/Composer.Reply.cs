using Microsoft.JSInterop;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Replying: the quote above the box, whose id rides on the box (data-reply-to) so the browser's outbox sends the reply
/// with the text, however long the message waits there.
/// </summary>
public sealed partial class Composer
{
    private ReplyDraft? _replyTo;

    /// <summary>Puts the message's quote above the box and the caret in it (the log's "Reply").</summary>
    public async Task ReplyToAsync(ReplyRequest request)
    {
        var quote = ChatQuote.Of(request.Message);
        _replyTo = new ReplyDraft(quote, request.SenderName, QuoteText.Of(quote, request.UserNameOf));
        StateHasChanged();
        await FocusMessageBoxAsync();
    }

    /// <summary>The box sent its text (and the reply mark with it): the quote goes.</summary>
    [JSInvokable]
    public void ReplySent()
    {
        _replyTo = null;
        StateHasChanged();
    }

    private async Task CancelReplyAsync()
    {
        _replyTo = null;
        await FocusMessageBoxAsync();
    }

    private sealed record ReplyDraft(ChatQuote Quote, string SenderName, string Text);
}
