using System.Diagnostics;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Chat.Format;

public sealed class HostileInputTests : MudTestContext
{
    public static TheoryData<string> Hostile => new()
    {
        "<script>alert(1)</script>",
        "**x** <script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "**<img src=x onerror=alert(1)>**",
        "<svg onload=alert(1)><circle/></svg> *x*",
        "<iframe src=\"javascript:alert(1)\"></iframe> *x*",
        "<style>*{display:none}</style> *x*",
        "<a href=\"javascript:alert(1)\">x</a> *x*",
        "[x](javascript:alert(1)) *x*",
        "[x](https://evil.example) *x*",
        "![](https://example.com/pixel.png) *x*",
        "[x]: javascript:alert(1)\n*x*",
        "javascript&#58;alert(1) *x*",
        "&#x6A;avascript:alert(1) *x*",
        "&lt;script&gt;alert(1)&lt;/script&gt; *x*",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== *x*",
        "jAvAsCrIpT:alert(1) *x*",
        "javascript://example.com/%0Aalert(1) *x*",
        "vbscript:msgbox(1) *x*",
        "https://example.com\"onmouseover=\"alert(1) *x*",
        "https://example.com/'onmouseover='alert(1) *x*",
        "http://example.com/?q=<script>alert(1)</script> *x*",
        "mailto:a@example.com?subject=<img src=x onerror=alert(1)>",
        "<div><p><b onclick=\"alert(1)\">nested <i>html</i></b></p></div> *x*",
        "<<script>script>alert(1)<</script>/script> *x*",
        "<scr<script>ipt>alert(1)</script> *x*",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
        "> <img src=x onerror=alert(1)>\n- <script>alert(1)</script>",
        "~~<iframe>~~ **<object data=x>**",
        "<!-- comment --> *x* <![CDATA[x]]>",
        "\uE000\uE001 **<@bob-1>** \uF8FF",
        new string('a', 4000),
        "**x** " + new string('a', 3994),
        "https://example.com/" + new string('a', 3980),
    };

    [Theory, MemberData(nameof(Hostile))]
    public void Hostile_input_leaves_no_tag_attribute_or_address_outside_the_allow_list(string body) =>
        FormatHost.AssertSafe(this.Show(body, FormatHost.People));

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<div><p><b onclick=\"alert(1)\">nested</b></p></div>")]
    [InlineData("<<script>script>alert(1)<</script>/script>")]
    [InlineData("javascript&#58;alert(1)")]
    [InlineData("&lt;script&gt;")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("jAvAsCrIpT:alert(1)")]
    public void Html_and_entities_without_formatting_show_exactly_as_typed(string body)
    {
        var shown = this.Show(body);

        Assert.Empty(shown.Children);
        Assert.Equal(body, shown.TextContent);
    }

    [Theory]
    [InlineData("**<img src=x onerror=alert(1)>**", "strong", "<img src=x onerror=alert(1)>")]
    [InlineData("*<script>alert(1)</script>*", "em", "<script>alert(1)</script>")]
    [InlineData("> <b>not bold</b>", "blockquote", "<b>not bold</b>")]
    [InlineData("- &amp; &#58; &lt;", "li", "&amp; &#58; &lt;")]
    [InlineData("```\n<iframe src=x>\n```", "pre", "<iframe src=x>\n")]
    public void Html_and_entities_inside_formatting_show_as_typed(string body, string holder, string text)
    {
        var shown = this.Show(body);

        Assert.Equal(text, shown.QuerySelector(holder)!.TextContent);
        Assert.Empty(shown.QuerySelectorAll("img, script, iframe, b"));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1)) *x*", "[x](javascript:alert(1))")]
    [InlineData("javascript:alert(1) *x*", "javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1) *x*", "JAVASCRIPT:alert(1)")]
    [InlineData("data:text/html,hello *x*", "data:text/html,hello")]
    [InlineData("www.example.com *x*", "www.example.com")]
    [InlineData("ftp://example.com/file *x*", "ftp://example.com/file")]
    [InlineData("tel:+15550100 *x*", "tel:+15550100")]
    [InlineData("ｈttps://example.com *x*", "ｈttps://example.com")]
    [InlineData("https://example.com\"onmouseover=\"alert(1) *x*", "onmouseover")]
    public void Markdown_links_images_and_other_schemes_stay_text(string body, string text)
    {
        var shown = this.Show(body);

        Assert.Empty(shown.QuerySelectorAll("a, img"));
        Assert.Contains(text, shown.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[docs](https://example.com/x) *x*", "[docs](")]
    [InlineData("![](https://example.com/pixel.png) *x*", "![](")]
    public void A_markdown_link_or_image_is_never_a_disguised_link_or_a_remote_image(string body, string text)
    {
        var shown = this.Show(body);

        Assert.StartsWith(text, shown.TextContent, StringComparison.Ordinal);
        Assert.Empty(shown.QuerySelectorAll("img"));
        Assert.All(shown.QuerySelectorAll("a"), a => Assert.Equal(a.GetAttribute("href"), a.TextContent));
    }

    [Fact]
    public void A_4000_character_line_stays_one_piece_of_text()
    {
        var line = new string('w', 4000);

        Assert.Equal(line, this.Show(line).TextContent);
        Assert.Equal("x " + line[..3994], this.Show("**x** " + line[..3994]).QuerySelector("p")!.TextContent);
    }

    public static TheoryData<string> TooDeep => new()
    {
        string.Concat(Enumerable.Repeat("> ", 2000)) + "deep",
        new string('>', 4000),
        string.Concat(Enumerable.Repeat("- ", 1999)) + "x",
        string.Join('\n', Enumerable.Range(0, 60).Select(i => new string(' ', i * 2) + "- item")),
        string.Concat(Enumerable.Repeat("*a ", 660)) + string.Concat(Enumerable.Repeat("b* ", 660)),
    };

    /// <summary>The bound is a guard against super-linear parsing (minutes), not a benchmark: these take milliseconds.</summary>
    [Theory, MemberData(nameof(TooDeep))]
    public void Nesting_past_the_limit_shows_as_typed_without_overflowing_the_stack(string body)
    {
        this.Show("**warm up**");
        var watch = Stopwatch.StartNew();

        var shown = this.Show(body);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Empty(shown.Children);
        Assert.Equal(body, shown.TextContent);
    }
}
