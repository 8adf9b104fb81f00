using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Format;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Chat.Format;

/// <summary>Text shown as the sender meant it: no bidi tricks, no invisible-only messages, no look-alike link hosts.</summary>
public sealed class DisguisedTextTests : MudTestContext
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://аpple.com", "https://xn--pple-43d.com")]
    [InlineData("https://www.аpple.com/login?next=/", "https://www.xn--pple-43d.com/login?next=/")]
    [InlineData("https://apple.com/path", "https://apple.com/path")]
    [InlineData("https://пример.рф", "https://пример.рф")]
    [InlineData("https://münchen.de", "https://münchen.de")]
    [InlineData("https://example.中国", "https://example.中国")]
    [InlineData("https://東京タワー.jp", "https://東京タワー.jp")]
    public void A_host_that_mixes_scripts_shows_in_ascii_and_others_as_typed(string typed, string shown) =>
        Assert.Equal(shown, LinkHost.Shown(typed));

    [Fact]
    public void Only_the_host_changes_however_the_link_is_written() =>
        Assert.Equal($"http://user@{new System.Globalization.IdnMapping().GetAscii("раураl.com")}:8080/раураl",
            LinkHost.Shown("http://user@раураl.com:8080/раураl"));

    [Fact]
    public void A_look_alike_link_in_a_message_reads_and_opens_as_punycode()
    {
        var link = this.Show("log in at https://аpple.com/account now").QuerySelector("a")!;

        Assert.Equal("https://xn--pple-43d.com/account", link.TextContent);
        Assert.Equal("https://xn--pple-43d.com/account", link.GetAttribute("href"));
    }

    [Fact]
    public void Bidi_controls_are_taken_out_of_a_link_and_its_text()
    {
        var shown = this.Show("see https://example.com/\u202Egpj.exe and \u2067this\u2069");

        Assert.DoesNotContain(shown.TextContent, c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
        Assert.Equal("https://example.com/gpj.exe", shown.QuerySelector("a")!.TextContent);
        Assert.Equal("A plain one\u200F, with its mark", MessageText.Normalize("A \u202Eplain one\u200F, with its mark"));
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData(" \u2800 \u3164 \u200D\uFE0F ")]
    [InlineData("\u202E\u2066")]
    public void Text_that_draws_nothing_is_empty(string text) => Assert.Equal("", MessageText.Normalize(text));

    [Fact]
    public async Task The_service_refuses_a_message_of_zero_width_spaces_and_stores_others_without_bidi_controls()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var chat = bed.Chat;

        var invisible = await chat.SendAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), new string('\u200B', 4000), ct: Ct);
        var disguised = await chat.SendAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), "invoice\u202Efdp.exe", ct: Ct);
        var edited = await bed.Changes.EditAsync(bed.Alice, disguised.Value!.Id, "\u200B \u200B", Ct);

        Assert.Equal(MessageRules.Empty, invisible.Error);
        Assert.Equal("invoicefdp.exe", disguised.Value.Body);
        Assert.Equal(MessageRules.Empty, edited.Error);
        Assert.Equal(["invoicefdp.exe"], (await chat.GetAfterAsync(bed.Bob, bed.ConversationId, 0, ct: Ct)).Select(m => m.Body));
    }
}
