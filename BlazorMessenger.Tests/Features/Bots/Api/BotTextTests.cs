using BlazorMessenger.Features.Bots.Api;

namespace BlazorMessenger.Tests.Features.Bots.Api;

public sealed class BotTextTests
{
    [Theory]
    [InlineData("*bold* _italic_ ~gone~ `x*y`", "**bold** *italic* ~~gone~~ `x*y`")]
    [InlineData(@"a\. b\-c\!", "a. b-c!")]
    [InlineData("[site](https://example.com/a_(b\\))", "site (https://example.com/a_(b))")]
    [InlineData("__under__ ||secret||", "under secret")]
    [InlineData(">quoted", "> quoted")]
    [InlineData("```\ncode *not bold*\n```", "```\ncode *not bold*\n```\n")]
    public void MarkdownV2_becomes_the_apps_markdown(string telegram, string expected) =>
        Assert.Equal(expected, BotText.FromTelegram(telegram, "MarkdownV2"));

    [Theory]
    [InlineData("<b>bold</b> <i>it</i> <s>x</s> <u>u</u>", "**bold** *it* ~~x~~ u")]
    [InlineData("<a href=\"https://example.com\">site</a> &lt;tag&gt; &amp;", "site (https://example.com) <tag> &")]
    [InlineData("<pre><code class=\"language-cs\">var x = 1;</code></pre>", "```\nvar x = 1;\n```")]
    [InlineData("<blockquote>one\ntwo</blockquote>", "> one\n> two")]
    public void Html_becomes_the_apps_markdown(string html, string expected) =>
        Assert.Equal(expected, BotText.FromTelegram(html, "HTML"));

    [Theory]
    [InlineData("*never closed", "MarkdownV2", "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0")]
    [InlineData("<b>never closed", "HTML", "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("<script>x</script>", "HTML", "Bad Request: can't parse entities: Unsupported start tag \"script\" at byte offset 0")]
    public void Markup_telegram_refuses_is_refused_the_same_way(string text, string mode, string error) =>
        Assert.Equal(error, Assert.Throws<BotApiException>(() => BotText.FromTelegram(text, mode)).Message);

    [Fact]
    public void Text_without_a_parse_mode_is_stored_as_written_as_a_persons_typing_is() =>
        Assert.Equal("<b>tags stay text</b> [not](a link) _x_", BotText.FromTelegram("<b>tags stay text</b> [not](a link) _x_", null));

    [Fact]
    public void A_stored_body_goes_out_as_plain_text_with_utf16_entities_for_commands_mentions_and_links()
    {
        var (text, entities) = BotText.ToTelegram("/go@echo_bot **now** 👍 <@u1> see https://example.com/x.", id => id == "u1"
            ? new TgUser(7, false, "Bob", "bob") : null);

        Assert.Equal("/go@echo_bot now 👍 @bob see https://example.com/x.", text);
        Assert.Equal(
            [new TgEntity("bot_command", 0, 12), new TgEntity("mention", 20, 4), new TgEntity("url", 29, 21)],
            entities);
    }
}
