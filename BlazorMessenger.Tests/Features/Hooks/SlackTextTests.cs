using BlazorMessenger.Features.Hooks;

namespace BlazorMessenger.Tests.Features.Hooks;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("deploy *ok*", "deploy **ok**")]
    [InlineData("_slow_ build", "*slow* build")]
    [InlineData("~gone~ now", "~~gone~~ now")]
    [InlineData("*_both_*", "***both***")]
    [InlineData("_*both*_", "***both***")]
    [InlineData("~*struck bold*~", "~~**struck bold**~~")]
    [InlineData("(*a*), *b*.", "(**a**), **b**.")]
    [InlineData("*two* and *three*", "**two** and **three**")]
    public void Slack_emphasis_becomes_the_apps(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Theory]
    [InlineData("snake_case_name")]
    [InlineData("a * b * c")]
    [InlineData("* not bold*")]
    [InlineData("*not bold *")]
    [InlineData("a*b*c")]
    [InlineData("*open\nclosed*")]
    [InlineData("x~y~z")]
    [InlineData("file_name_v2.txt")]
    public void Marks_inside_words_or_not_hugging_their_text_stay_as_written(string mrkdwn) =>
        Assert.Equal(mrkdwn.Replace('*', '∗'), SlackText.ToMarkdown(mrkdwn).Replace('*', '∗'));

    [Theory]
    [InlineData("2*3*4", "2∗3∗4")]
    [InlineData("copy **/*.cs then *go*", "copy ∗∗/∗.cs then **go**")]
    [InlineData("a ** b", "a ** b")]
    [InlineData("* item\n* item", "* item\n* item")]
    [InlineData("5*3", "5*3")]
    public void Asterisks_Slack_shows_as_typed_cannot_pair_up_as_emphasis_here(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Theory]
    [InlineData("run `*not* _this_ &lt;x&gt;` now", "run `*not* _this_ <x>` now")]
    [InlineData("```*a*\n_b_ <https://x|y>```", "```\n*a*\n_b_ <https://x|y>\n```")]
    [InlineData("out:```\nline *1*\n```done", "out:\n```\nline *1*\n```\ndone")]
    [InlineData("a\n```code```\nb", "a\n```\ncode\n```\nb")]
    public void Code_spans_and_fences_are_kept_as_written_and_fences_get_their_own_lines(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Theory]
    [InlineData("see <https://x.io/a|the docs>", "see the docs (https://x.io/a)")]
    [InlineData("see <https://x.io/a>", "see https://x.io/a")]
    [InlineData("<https://x.io/|x.io>", "https://x.io/")]
    [InlineData("<https://x.io|https://x.io>", "https://x.io")]
    [InlineData("<HTTPS://x.io|X>", "X (https://x.io)")]
    [InlineData("<mailto:a@b.io|a@b.io>", "a@b.io")]
    [InlineData("<mailto:a@b.io|Ann>", "Ann (a@b.io)")]
    [InlineData("<https://x.io/?a=1&amp;b=2|q &amp; a>", "q & a (https://x.io/?a=1&b=2)")]
    [InlineData("<javascript:alert(1)|click>", "click")]
    [InlineData("<ftp://x.io>", "<ftp://x.io>")]
    public void Links_keep_their_address_beside_their_label_and_only_web_and_mail_addresses_survive(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Theory]
    [InlineData("hi <@U123>", "hi @U123")]
    [InlineData("hi <@alice>", "hi @alice")]
    [InlineData("hi <@alice|Alice>", "hi @alice")]
    [InlineData("<!channel> <!here> <!everyone> <!here|here>", "@all @all @all @all")]
    [InlineData("in <#C123|ops>", "in #ops")]
    [InlineData("in <#C123>", "in #C123")]
    [InlineData("cc <!subteam^S42|@oncall>", "cc @oncall")]
    [InlineData("cc <!subteam^S42>", "cc @S42")]
    [InlineData("at <!date^1392734382^{date_short}|Feb 18, 2014>", "at Feb 18, 2014")]
    [InlineData("at <!date^1392734382^{date_short}>", "at 18 Feb 2014 14:39 UTC")]
    public void Mentions_channels_groups_and_dates_read_as_Slack_shows_them(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Theory]
    [InlineData("a &amp; b &lt;c&gt;", "a & b <c>")]
    [InlineData("&amp;lt;", "&lt;")]
    [InlineData("&gt; quoted\nnot", "> quoted\nnot")]
    [InlineData("x &lt;https://x|y&gt;", "x <https://x|y>")]
    public void Escapes_are_undone_after_the_links_are_read(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Fact]
    public void Escaped_mention_tokens_never_become_the_apps_mentions()
    {
        var markdown = SlackText.ToMarkdown("&lt;@all&gt; and &lt;@bob-1&gt;");

        Assert.DoesNotContain("<@", markdown, StringComparison.Ordinal);
        Assert.Equal("<@all> and <@bob-1>", markdown.Replace("\u200B", ""));
    }

    [Theory]
    [InlineData(":rocket: shipped :white_check_mark:", "🚀 shipped ✅")]
    [InlineData(":+1::skin-tone-3: :thumbsup: :-1:", "👍\U0001F3FC 👍 👎")]
    [InlineData(":fire: *:rotating_light: down*", "🔥 **🚨 down**")]
    [InlineData(":no_such_code: at 10:30:45", ":no_such_code: at 10:30:45")]
    [InlineData("`:rocket:`", "`:rocket:`")]
    public void Known_shortcodes_become_emoji_outside_code_and_others_stay(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Theory]
    [InlineData("https://x.io/a_b_c_ and _it_", "https://x.io/a_b_c_ and *it*")]
    [InlineData("*see https://x.io/a*", "**see https://x.io/a**")]
    [InlineData("go to https://x.io/path.", "go to https://x.io/path.")]
    public void Bare_addresses_are_left_alone_by_emphasis(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackText.ToMarkdown(mrkdwn));

    [Fact]
    public void Line_endings_become_newlines_and_plain_text_only_loses_its_escapes()
    {
        Assert.Equal("Disk\n90% **used**", SlackText.ToMarkdown("Disk\r\n90% *used*"));
        Assert.Equal("Q&A *as is* 🚀", SlackText.ToPlain("Q&amp;A *as is* :rocket:"));
    }
}
