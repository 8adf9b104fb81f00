using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>The reader's position without a renderer: where the log opens, and what is marked read.</summary>
public sealed class ReaderPositionTests
{
    [Fact]
    public void Everything_read_opens_at_the_newest_with_no_divider()
    {
        var position = new ReaderPosition(lastReadSeq: 40, lastSeq: 40);

        Assert.Null(position.FirstUnreadSeq);
        Assert.Null(position.OpenAround);
    }

    [Fact]
    public void A_few_unread_open_at_the_newest_page_with_the_divider_above_the_first()
    {
        var position = new ReaderPosition(lastReadSeq: 40, lastSeq: 40 + MessageRules.PageSize / 2 - 1);

        Assert.Equal(41, position.FirstUnreadSeq);
        Assert.Null(position.OpenAround);
    }

    [Fact]
    public void Half_a_page_unread_or_more_opens_around_the_first_unread()
    {
        var position = new ReaderPosition(lastReadSeq: 40, lastSeq: 40 + MessageRules.PageSize / 2);

        Assert.Equal(41, position.OpenAround);
    }

    [Fact]
    public void Only_what_the_log_holds_and_is_newer_than_the_read_position_is_marked_and_it_never_goes_back()
    {
        var position = new ReaderPosition(lastReadSeq: 40, lastSeq: 90);

        Assert.Null(position.ToMark(shownSeq: 38, lastHeldSeq: 90));
        Assert.Equal(60, position.ToMark(shownSeq: 75, lastHeldSeq: 60));
        position.Marked(60);
        Assert.Null(position.ToMark(shownSeq: 60, lastHeldSeq: 90));

        position.Marked(55);
        Assert.Equal(60, position.ReadSeq);
        Assert.Equal(41, position.FirstUnreadSeq);
    }
}
