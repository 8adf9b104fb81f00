using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Format;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Chat.Format;

public sealed class MessageFormatTests : MudTestContext
{
    [Fact]
    public void Text_without_formatting_renders_as_text_nodes_exactly_as_before()
    {
        const string body = "Lunch at 12? 5 > 3, 2 - 1 = 1, a_b_c, ~5 min, #tag, <b>hi</b> & [x]\n   indented\n\n\nthree lines down";

        var shown = this.Show(body);

        Assert.Empty(shown.Children);
        Assert.Equal(body, shown.TextContent);
    }

    [Fact]
    public void Mentions_in_text_without_formatting_are_chips_without_paragraphs()
    {
        var shown = this.Show("hi <@bob-1>, <@carol-2> left", FormatHost.People);

        Assert.Equal("span", Assert.Single(shown.Children).LocalName);
        Assert.Equal("@Bob", shown.QuerySelector("span.bm-mention")!.TextContent);
        Assert.Equal("hi @Bob, @carol left", shown.TextContent);
    }

    [Fact]
    public void Bold_italic_strike_and_code_are_formatted()
    {
        var shown = this.Show("**bold** *italic* ~~strike~~ `a <b> c`");

        Assert.Equal(
            ["bold", "italic", "strike", "a <b> c"],
            new[] { "p > strong", "p > em", "p > del", "p > code" }.Select(s => shown.QuerySelector(s)!.TextContent));
        Assert.Equal("bm-md", shown.FirstElementChild!.ClassName);
    }

    [Fact]
    public void A_fenced_code_block_keeps_its_lines_and_loses_its_language_class()
    {
        var code = this.Show("```js\nlet x = 1;\n  x++;\n```").QuerySelector("pre > code")!;

        Assert.Equal("let x = 1;\n  x++;\n", code.TextContent);
        Assert.Null(code.GetAttribute("class"));
    }

    [Fact]
    public void Quotes_and_lists_are_formatted_and_chat_newlines_stay_newlines()
    {
        var shown = this.Show("> quoted\n> on two lines\n\n- one\n- two\n  - nested\n\n3. three\n4. four\nlast\nline");

        Assert.Equal("quoted", shown.QuerySelector("blockquote > p")!.FirstChild!.TextContent);
        Assert.NotNull(shown.QuerySelector("blockquote > p > br"));
        Assert.Equal(["one", "two", "nested"], shown.QuerySelectorAll("ul li").Select(li => li.ChildNodes[0].TextContent));
        Assert.Equal("3", shown.QuerySelector("ol")!.GetAttribute("start"));
        Assert.Equal(2, shown.QuerySelectorAll("ol > li").Length);
    }

    [Fact]
    public void Links_open_in_a_new_tab_and_tell_nothing_to_the_page_they_open()
    {
        var shown = this.Show("see https://example.com/a?b=1&c=2, or mailto:team@example.com.");

        var links = shown.QuerySelectorAll("a").ToList();
        Assert.Equal(["https://example.com/a?b=1&c=2", "mailto:team@example.com"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["https://example.com/a?b=1&c=2", "team@example.com"], links.Select(a => a.TextContent));
        Assert.All(links, a => Assert.Equal(("_blank", FormatHost.LinkRel), (a.GetAttribute("target"), a.GetAttribute("rel"))));
        Assert.Equal("see https://example.com/a?b=1&c=2, or team@example.com.", shown.TextContent);
    }

    [Theory]
    [InlineData("# not a heading **x**", "# not a heading x")]
    [InlineData("title **x**\n===", "title x===")]
    [InlineData("***", "***")]
    [InlineData("- - -", "- - -")]
    [InlineData("    indented *x*", "indented x")]
    [InlineData("[1]: /docs *x*", "[1]: /docs x")]
    [InlineData("_not italic_ *x*", "_not italic_ x")]
    [InlineData(@"C:\temp\*.txt ¯\_(ツ)_/¯ *x*", @"C:\temp\*.txt ¯\_(ツ)_/¯ x")]
    [InlineData(">", ">")]
    [InlineData("-", "-")]
    [InlineData("```", "```")]
    public void What_chat_leaves_out_shows_as_typed(string body, string text)
    {
        var shown = this.Show(body);

        Assert.Empty(shown.QuerySelectorAll("h1, h2, hr, a, img"));
        Assert.Equal(text, shown.TextContent);
    }

    [Fact]
    public void Mentions_work_inside_bold_italic_lists_and_quotes()
    {
        var shown = this.Show("**<@bob-1>** and *<@all>*\n- for <@bob-1>\n\n> <@carol-2> said", FormatHost.People);

        Assert.Equal("@Bob", shown.QuerySelector("strong > span.bm-mention")!.TextContent);
        Assert.Equal("@all", shown.QuerySelector("em > span.bm-mention")!.TextContent);
        Assert.Equal("@Bob", shown.QuerySelector("li span.bm-mention")!.TextContent);
        Assert.Equal("@carol said", shown.QuerySelector("blockquote")!.TextContent);
        Assert.Empty(shown.QuerySelectorAll("blockquote span"));
    }

    [Fact]
    public void A_chip_shows_a_name_as_text_whatever_it_contains()
    {
        var shown = this.Show("**<@x-1>**", _ => new Mentioned("@<img src=x onerror=alert(1)>", "x", true));

        Assert.Equal("@<img src=x onerror=alert(1)>", shown.QuerySelector("span.bm-mention")!.TextContent);
        Assert.Empty(shown.QuerySelectorAll("img"));
    }

    [Fact]
    public void Without_people_a_formatted_message_shows_its_tokens_as_stored()
    {
        Assert.Equal("<@bob-1>", this.Show("**<@bob-1>**").QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public void Private_use_characters_typed_stay_as_typed_and_do_not_become_mentions()
    {
        var shown = this.Show("\uE000 **<@bob-1>** \uE001", FormatHost.People);

        Assert.Equal("\uE000 @Bob \uE001", shown.TextContent);
        Assert.Single(shown.QuerySelectorAll("span.bm-mention"));
    }

    [Fact]
    public void A_link_that_runs_into_a_mention_stays_text_and_the_mention_a_chip()
    {
        var shown = this.Show("https://example.com/<@bob-1> *x*", FormatHost.People);

        Assert.Empty(shown.QuerySelectorAll("a"));
        Assert.Equal("https://example.com/@Bob x", shown.TextContent);
    }

    [Theory]
    [InlineData("plain words, 5 > 3", "plain words, 5 > 3")]
    [InlineData("**bold** and *italic* ~~gone~~", "bold and italic gone")]
    [InlineData("run `dotnet test` now", "run dotnet test now")]
    [InlineData("```js\nlet x = 1;\nx++;\n```", "let x = 1;\nx++;")]
    [InlineData("* one\n+ two", "- one\n- two")]
    [InlineData("- one\n- two\n  - nested", "- one\n- two\n- nested")]
    [InlineData("7. seven\n8. eight", "7. seven\n8. eight")]
    [InlineData("> quoted\n> *more*", "quoted\nmore")]
    [InlineData("**first**\n\nsecond", "first\nsecond")]
    [InlineData("**<@bob-1>** look", "<@bob-1> look")]
    [InlineData("see https://example.com/x", "see https://example.com/x")]
    [InlineData("# tag **x**", "# tag x")]
    [InlineData(">", ">")]
    [InlineData("***", "***")]
    public void Plain_text_drops_the_formatting_and_keeps_the_words(string body, string text) =>
        Assert.Equal(text, MessageFormat.ToPlainText(body));

    [Fact]
    public void Previews_are_plain_text()
    {
        Assert.Equal("Big news: v2 is out", MessageRules.Preview("**Big** news: `v2` is *out*"));
        Assert.Equal("📷 caption", MessageRules.Preview(BlazorMessenger.Data.MessageKind.Image, "~~caption~~"));
    }

    [Fact]
    public void Formatting_from_many_threads_at_once_gives_what_one_thread_gives()
    {
        static string Body(int i) => $"**n{i}** *x* https://example.com/n{i} <img src=x onerror=alert(n{i})>\n- <@bob-1>\n> `n{i}`";
        var expected = MessageFormat.ToHtml(Body(0), FormatHost.People)!;

        // Every body is new, so each is parsed and sanitized (not found formatted already) while others are.
        var actual = new string?[4000];
        Parallel.For(1, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => actual[i] = MessageFormat.ToHtml(Body(i), FormatHost.People));

        Assert.All(Enumerable.Range(1, actual.Length - 1), i => Assert.Equal(expected.Replace("n0", $"n{i}"), actual[i]));
        Assert.Contains("<a href=\"https://example.com/n0\" target=\"_blank\"", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_message_shows_each_readers_names_and_what_each_reader_knows()
    {
        const string body = "**<@bob-1>** done";

        var forOne = this.Show(body, FormatHost.People);
        var forAnother = this.Show(body, _ => new Mentioned("@Robert", "bob", true));
        var afterBobLeft = this.Show(body, _ => new Mentioned("@bob", "bob", false));

        Assert.Equal("@Bob", forOne.QuerySelector("strong > span.bm-mention")!.TextContent);
        Assert.Equal("@Robert", forAnother.QuerySelector("strong > span.bm-mention")!.TextContent);
        Assert.Equal(("@bob", 0), (afterBobLeft.QuerySelector("strong")!.TextContent, afterBobLeft.QuerySelectorAll("span").Length));
    }
}
