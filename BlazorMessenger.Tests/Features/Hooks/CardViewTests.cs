using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Hooks;

public sealed class CardViewTests : MudTestContext
{
    private static readonly DateTime Now = new(2025, 3, 5, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public CardViewTests() => Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));

    private IRenderedComponent<CardView> Show(MessageCard card, Func<string, Mentioned>? mention = null) =>
        Render<CardView>(p => p.Add(c => c.Card, card).Add(c => c.Mention, mention).Add(c => c.Zone, Berlin));

    [Fact]
    public void An_attachment_shows_its_colour_bar_title_link_fields_image_link_and_footer_time()
    {
        var card = new MessageCard("ci", null, true,
        [
            new CardBox("#2eb886", "@all **prod**",
            [
                new CardAuthor("Ann", "https://people.example/ann"),
                new CardTitle("CI #42", "https://ci.example/42"),
                new CardText("build **green**"),
                new CardFields([new CardField("branch", "main", true), new CardField("env", "*prod*", true), new CardField("notes", "long", false)]),
                new CardImage("https://ci.example/graph.png", null),
                new CardDivider(),
                new CardContext("by *ann*"),
                new CardFooter("CI", new DateTime(2025, 3, 5, 8, 30, 0, DateTimeKind.Utc)),
            ]),
        ]);

        var cut = Show(card);

        Assert.Equal("@all prod", cut.Find(".bm-card-pretext").TextContent);
        var box = cut.Find(".bm-card");
        Assert.Equal("--bm-card-color:#2eb886", box.GetAttribute("style"));
        var title = cut.Find(".bm-card-title a");
        Assert.Equal(("CI #42", "https://ci.example/42", "_blank", "noopener noreferrer nofollow"),
            (title.TextContent, title.GetAttribute("href"), title.GetAttribute("target"), title.GetAttribute("rel")));
        Assert.Equal("https://people.example/ann", cut.Find(".bm-card-author a").GetAttribute("href"));
        Assert.Equal("green", cut.Find(".bm-card-text strong").TextContent);
        Assert.Equal(["branch", "env"], cut.FindAll(".bm-card-short .bm-card-field-title").Select(t => t.TextContent));
        Assert.Equal("prod", cut.FindAll(".bm-card-short .bm-card-field-value")[1].QuerySelector("em")!.TextContent);
        Assert.Equal("long", cut.Find(".bm-card-field:not(.bm-card-short) .bm-card-field-value").TextContent);
        var image = cut.Find("a.bm-card-image");
        Assert.Equal(("Image", "https://ci.example/graph.png"), (image.TextContent, image.GetAttribute("href")));
        Assert.Empty(cut.FindAll("img"));
        Assert.Single(cut.FindAll(".bm-card hr"));
        Assert.Equal("ann", cut.Find(".bm-card-context em").TextContent);
        Assert.Equal("CI", cut.Find(".bm-card-footer span").TextContent);
        var time = cut.Find(".bm-card-footer time");
        Assert.Equal(("Today 09:30", "Wednesday, 5 March 2025 at 09:30"), (time.TextContent, time.GetAttribute("title")));
        Assert.All(cut.FindAll("a"), a => Assert.False(string.IsNullOrWhiteSpace(a.TextContent)));
    }

    [Fact]
    public void A_box_without_a_valid_colour_or_links_has_no_style_and_plain_text()
    {
        var card = new MessageCard(null, null, false,
        [
            new CardBox("red;background:url(x)", null,
                [new CardTitle("Plain *title*", null), new CardAuthor("Ann", "javascript:alert(1)"), new CardImage("javascript:alert(1)", "graph")]),
            new CardBox(null, null, [new CardFooter(null, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc))]),
        ]);

        var cut = Show(card);

        Assert.All(cut.FindAll(".bm-card"), box => Assert.False(box.HasAttribute("style")));
        Assert.Equal("Plain *title*", cut.Find(".bm-card-title").TextContent);
        Assert.Empty(cut.FindAll("a"));
        Assert.Contains("Image: graph", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Saturday 09:00", cut.Find(".bm-card-footer time").TextContent);
        Assert.Empty(cut.FindAll(".bm-card-pretext"));
    }

    [Fact]
    public void Mentions_in_card_texts_show_as_the_message_body_shows_them()
    {
        var card = new MessageCard(null, null, false, [new CardBox(null, null, [new CardText("ping <@bob-1>")])]);

        var cut = Show(card, id => id == "bob-1" ? new Mentioned("@Bob", "bob", true) : new Mentioned("@someone", id, false));

        Assert.Equal("@Bob", cut.Find(".bm-card-text .bm-mention").TextContent);
    }

    [Fact]
    public void A_parsed_payload_renders_end_to_end()
    {
        var post = HookPayload.Parse("""
            {"attachments":[{"color":"danger","title":"[FIRING:1] Disk","title_link":"https://am.example/a",
              "text":"*Disk* ~full~ on `db-1` :fire:","fields":[{"title":"host","value":"db-1","short":true}]}]}
            """).Post!;

        var cut = Show(MessageCard.FromJson(MessageCard.ToJson(post.Card!))!);

        Assert.Equal("--bm-card-color:#a30200", cut.Find(".bm-card").GetAttribute("style"));
        Assert.Equal("https://am.example/a", cut.Find(".bm-card-title a").GetAttribute("href"));
        var text = cut.Find(".bm-card-text");
        Assert.Equal(("Disk", "full", "db-1"), (text.QuerySelector("strong")!.TextContent, text.QuerySelector("del")!.TextContent,
            text.QuerySelector("code")!.TextContent));
        Assert.EndsWith("🔥", text.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*see <https://x.io/a|docs>*", "see docs (https://x.io/a)")]
    [InlineData("*<https://x.io/a>*", "https://x.io/a")]
    [InlineData("_see https://x.io/a_b_", "see https://x.io/a_b")]
    public void Links_inside_converted_emphasis_stay_whole_links(string mrkdwn, string emphasized)
    {
        var cut = Show(new MessageCard(null, null, false, [new CardBox(null, null, [new CardText(SlackText.ToMarkdown(mrkdwn))])]));

        var link = cut.Find(".bm-card-text a");
        Assert.Equal(emphasized, cut.Find(".bm-card-text :is(strong, em)").TextContent);
        Assert.Equal(link.TextContent, link.GetAttribute("href"));
    }
}
