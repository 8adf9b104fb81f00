using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Features.Chat.Log;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

/// <summary>The composer's reply without a renderer: the quote, the box's mark, and which sending takes the quote away.</summary>
public sealed class ReplyStateTests
{
    private readonly ReplyState _reply = new();

    private static ReplyRequest Asked(long id, string body = "see you at **noon**\nand more") =>
        new(new ChatMessage(id, 1, id, "bob", Guid.NewGuid(), MessageKind.Text, body, DateTime.UtcNow, null), "Bob", _ => null);

    [Fact]
    public void A_choice_quotes_the_first_line_as_plain_text_and_marks_the_box_with_the_message_and_a_new_token()
    {
        Assert.Null(_reply.Mark);

        _reply.Choose(Asked(7));
        var first = _reply.Mark;
        _reply.Choose(Asked(7));

        Assert.Equal(("Bob", "see you at noon", 7L), (_reply.Current!.SenderName, _reply.Current.Text, _reply.Current.Quote.Id));
        Assert.Equal("7:1", first);
        Assert.Equal("7:2", _reply.Mark);
    }

    [Fact]
    public void Text_sent_with_an_earlier_choice_leaves_the_quote_chosen_since()
    {
        _reply.Choose(Asked(7));
        var sentWith = _reply.Current!.Token;
        _reply.Choose(Asked(8));

        Assert.False(_reply.SentWithToken(sentWith));
        Assert.Equal(8, _reply.Current!.Quote.Id);
        Assert.True(_reply.SentWithToken(_reply.Current.Token));
        Assert.Null(_reply.Current);
        Assert.Null(_reply.Mark);
    }

    [Fact]
    public void A_stored_voice_note_or_file_takes_its_own_quote_away_and_cancel_takes_any()
    {
        _reply.Choose(Asked(7));
        Assert.False(_reply.SentAnswering(8));
        Assert.True(_reply.SentAnswering(7));

        _reply.Choose(Asked(7));
        var uploadedWith = _reply.Current;
        _reply.Choose(Asked(9));
        Assert.False(_reply.SentWith(uploadedWith));
        Assert.True(_reply.SentWith(_reply.Current));

        _reply.Choose(Asked(7));
        _reply.Cancel();
        Assert.Null(_reply.Current);
        Assert.False(_reply.SentWith(null));
    }
}
