using BlazorMessenger.Features.Chat.Log;

namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>A quote above the box: the message answered, who wrote it, its text, and the token of this choice.</summary>
public sealed record ReplyDraft(ChatQuote Quote, string SenderName, string Text, int Token);

/// <summary>
/// The composer's reply, with no renderer: the quote chosen (the log's "Reply"), the mark the box carries for the browser's
/// outbox to send with its text ("{message id}:{token}", new for each choice, so a new reply to the same message still
/// changes it), and when the quote goes: once what was sent with it is stored (text, a file or a voice note), unless
/// another was chosen meanwhile, or when the person cancels it.
/// </summary>
public sealed class ReplyState
{
    private int _tokens;

    public ReplyDraft? Current { get; private set; }

    /// <summary>What the box's data-reply-to carries; null when not replying.</summary>
    public string? Mark => Current is { } reply ? $"{reply.Quote.Id}:{reply.Token}" : null;

    /// <summary>Quotes the message (replacing any quote chosen before).</summary>
    public void Choose(ReplyRequest request)
    {
        var quote = ChatQuote.Of(request.Message);
        Current = new ReplyDraft(quote, request.SenderName, QuoteText.Of(quote, request.UserNameOf), ++_tokens);
    }

    /// <summary>The box sent its text with the mark of this token: that quote goes (not one chosen since). Answers whether it went.</summary>
    public bool SentWithToken(int token) => Clear(Current?.Token == token);

    /// <summary>A voice note answering this message was stored: its quote goes unless another was chosen meanwhile.</summary>
    public bool SentAnswering(long? messageId) => Clear(Current?.Quote.Id == messageId);

    /// <summary>A file sent with this quote was stored: the quote goes unless another was chosen during the upload.</summary>
    public bool SentWith(ReplyDraft? sentWith) => Clear(Current == sentWith);

    public void Cancel() => Current = null;

    private bool Clear(bool when)
    {
        if (when && Current is not null)
        {
            Current = null;
            return true;
        }

        return false;
    }
}
