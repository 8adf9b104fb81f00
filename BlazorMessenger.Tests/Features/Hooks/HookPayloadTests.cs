using BlazorMessenger.Features.Hooks;

namespace BlazorMessenger.Tests.Features.Hooks;

public sealed class HookPayloadTests
{
    private static HookPost Post(string json)
    {
        var result = HookPayload.Parse(json);
        Assert.Null(result.Error);
        return result.Post!;
    }

    private static T Single<T>(CardBox box) where T : CardItem => Assert.Single(box.Items.OfType<T>());

    [Fact]
    public void Slack_webhook_text_with_a_username_is_the_text_and_a_card_naming_the_sender()
    {
        var post = Post("""{"text":"deploy *ok*","username":"ci"}""");

        Assert.Equal("deploy **ok**", post.Text);
        Assert.Equal(("ci", null, false), (post.Card!.As, post.Card.Icon, post.Card.TextHidden));
        Assert.Empty(post.Card.Boxes);
    }

    [Fact]
    public void A_plain_text_post_has_no_card()
    {
        var post = Post("""{"text":"Disk\r\n90% used","icon_url":"https://github.com/caronc/apprise/raw/x.png"}""");

        Assert.Equal("Disk\n90% used", post.Text);
        Assert.Null(post.Card);
    }

    [Fact]
    public void Slack_sdk_text_with_an_attachment_shows_both()
    {
        var post = Post("""
            {"text":"build *green*","attachments":[{"color":"good","title":"CI",
             "fields":[{"title":"branch","value":"main","short":true},{"title":"commit","value":"`abc123` by _ann_","short":false}]}]}
            """);

        Assert.Equal("build **green**", post.Text);
        var card = post.Card!;
        Assert.False(card.TextHidden);
        var box = Assert.Single(card.Boxes);
        Assert.Equal("#2eb886", box.Color);
        Assert.Equal(new CardTitle("CI", null), box.Items[0]);
        Assert.Equal([new CardField("branch", "main", true), new CardField("commit", "`abc123` by *ann*", false)],
            Single<CardFields>(box).Fields);
    }

    [Fact]
    public void An_Alertmanager_post_is_a_card_summarized_by_its_fallback()
    {
        var post = Post("""
            {"channel":"#alerts","username":"Alertmanager","icon_emoji":":rotating_light:","icon_url":"https://x.io/i.png",
             "attachments":[{"title":"[FIRING:2] HighLatency api","title_link":"https://am.example/#/alerts?receiver=slack",
               "pretext":"<!channel> *prod*","text":"*Alert:* latency &gt; 2s\n*Severity:* `critical`",
               "fallback":"[FIRING:2] HighLatency api | https://am.example/#/alerts","footer":"Alertmanager",
               "color":"danger","fields":[{"title":"cluster","value":"eu-1","short":true}],
               "mrkdwn_in":["fallback","pretext","text"]}]}
            """);

        Assert.Equal("[FIRING:2] HighLatency api | https://am.example/#/alerts", post.Text);
        var card = post.Card!;
        Assert.Equal(("Alertmanager", "🚨", true), (card.As, card.Icon, card.TextHidden));
        var box = Assert.Single(card.Boxes);
        Assert.Equal(("#a30200", "@all **prod**"), (box.Color, box.Pretext));
        Assert.Equal(new CardTitle("[FIRING:2] HighLatency api", "https://am.example/#/alerts?receiver=slack"), Single<CardTitle>(box));
        Assert.Equal("**Alert:** latency > 2s\n**Severity:** `critical`", Single<CardText>(box).Markdown);
        Assert.Equal(new CardField("cluster", "eu-1", true), Assert.Single(Single<CardFields>(box).Fields));
        Assert.Equal(new CardFooter("Alertmanager", null), box.Items[^1]);
    }

    [Fact]
    public void A_Grafana_post_keeps_its_moment_and_drops_its_footer_icon()
    {
        var post = Post("""
            {"attachments":[{"color":"#D63232","title":"[Alerting] CPU","title_link":"https://grafana.example/d/abc",
              "text":"CPU above 90%","fallback":"[Alerting] CPU","footer":"Grafana v11",
              "footer_icon":"https://grafana.com/static/assets/img/fav32.png","ts":1700000000,
              "pretext":"<@U024BE7LH> <!subteam^SAZ94GDB8|@oncall>"}]}
            """);

        var box = Assert.Single(post.Card!.Boxes);
        Assert.Equal(("#d63232", "@U024BE7LH @oncall"), (box.Color, box.Pretext));
        Assert.Equal(new CardFooter("Grafana v11", new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc)), box.Items[^1]);
        Assert.DoesNotContain("grafana.com", MessageCard.ToJson(post.Card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_GitLab_post_keeps_its_text_and_its_attachments_text_and_short_colour()
    {
        var post = Post("""
            {"text":"Ann pushed to branch <https://gitlab.example/g/p/commits/main|main> of <https://gitlab.example/g/p|g/p>",
             "attachments":[{"text":"<https://gitlab.example/g/p/-/commit/1a2b|1a2b>: Fix login_page_title","color":"#345"}],
             "username":"GitLab","channel":"#dev"}
            """);

        Assert.Equal("Ann pushed to branch main (https://gitlab.example/g/p/commits/main) of g/p (https://gitlab.example/g/p)", post.Text);
        var box = Assert.Single(post.Card!.Boxes);
        Assert.Equal("#345", box.Color);
        Assert.Equal(new CardText("1a2b (https://gitlab.example/g/p/-/commit/1a2b): Fix login_page_title"), Assert.Single(box.Items));
        Assert.Equal("GitLab", post.Card.As);
    }

    [Fact]
    public void Blocks_make_one_box_without_colour_and_the_text_only_stands_in_for_them()
    {
        var post = Post("""
            {"text":"Deploy finished","blocks":[
              {"type":"header","text":{"type":"plain_text","text":"Deploy :rocket:"}},
              {"type":"section","text":{"type":"mrkdwn","text":"*api* is live"},
               "fields":[{"type":"mrkdwn","text":"*Env*\nprod"},{"type":"plain_text","text":"v1.2"}],
               "accessory":{"type":"button","text":{"type":"plain_text","text":"Open"}}},
              {"type":"divider"},
              {"type":"context","elements":[{"type":"image","image_url":"https://x.io/a.png","alt_text":"a"},{"type":"mrkdwn","text":"by _ann_"}]},
              {"type":"image","image_url":"https://x.io/graph.png","alt_text":"latency graph"},
              {"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Roll back"}}]}]}
            """);

        Assert.Equal("Deploy finished", post.Text);
        Assert.True(post.Card!.TextHidden);
        var box = Assert.Single(post.Card.Boxes);
        Assert.Null(box.Color);
        Assert.Collection(box.Items,
            i => Assert.Equal(new CardTitle("Deploy 🚀", null), i),
            i => Assert.Equal(new CardText("**api** is live"), i),
            i => Assert.Equal([new CardField(null, "**Env**\nprod", true), new CardField(null, "v1.2", true)], ((CardFields)i).Fields),
            i => Assert.IsType<CardDivider>(i),
            i => Assert.Equal(new CardContext("by *ann*"), i),
            i => Assert.Equal(new CardImage("https://x.io/graph.png", "latency graph"), i));
    }

    [Fact]
    public void A_rich_text_block_keeps_its_styles_lists_code_links_and_mentions()
    {
        var post = Post("""
            {"blocks":[{"type":"rich_text","elements":[
              {"type":"rich_text_section","elements":[{"type":"text","text":"Hello "},{"type":"text","text":"world ","style":{"bold":true}},
                {"type":"emoji","name":"wave"},{"type":"user","user_id":"U1"},{"type":"text","text":" see "},
                {"type":"link","url":"https://x.io","text":"site"},{"type":"broadcast","range":"here"}]},
              {"type":"rich_text_list","style":"bullet","elements":[
                {"type":"rich_text_section","elements":[{"type":"text","text":"one"}]},
                {"type":"rich_text_section","elements":[{"type":"text","text":"two","style":{"italic":true}}]}]},
              {"type":"rich_text_preformatted","elements":[{"type":"text","text":"x *y*","style":{"bold":true}}]}]}]}
            """);

        var text = Assert.IsType<CardText>(Assert.Single(Assert.Single(post.Card!.Boxes).Items));
        Assert.Equal("Hello **world** 👋@U1 see site (https://x.io)@all\n- one\n- *two*\n```\nx *y*\n```", text.Markdown);
    }

    [Fact]
    public void Blocks_alone_are_summarized_by_their_first_text()
    {
        var post = Post("""{"blocks":[{"type":"divider"},{"type":"section","text":{"type":"mrkdwn","text":"*hello*"}}]}""");

        Assert.Equal("**hello**", post.Text);
        Assert.True(post.Card!.TextHidden);
    }

    [Fact]
    public void Attachment_images_are_kept_as_links_in_the_card()
    {
        var post = Post("""{"attachments":[{"title":"Graph","image_url":"https://x.io/g.png","thumb_url":"javascript:alert(1)"}]}""");

        Assert.Equal(new CardImage("https://x.io/g.png", null), Single<CardImage>(Assert.Single(post.Card!.Boxes)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[{\"text\":\"x\"}]")]
    [InlineData("\"text\"")]
    [InlineData("{\"text\":5}")]
    [InlineData("{\"text\":\"x\",\"username\":[\"ci\"]}")]
    [InlineData("{\"text\":\"x\",\"attachments\":{\"text\":\"y\"}}")]
    [InlineData("{\"attachments\":[\"y\"]}")]
    [InlineData("{\"attachments\":[{\"title\":{\"text\":\"y\"}}]}")]
    [InlineData("{\"blocks\":[{\"type\":\"section\",\"text\":\"y\"}]}")]
    public void Anything_but_an_object_with_fields_of_the_right_types_is_an_invalid_payload(string json) =>
        Assert.Equal(new HookPayloadResult(null, "invalid_payload"), HookPayload.Parse(json));

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\":\"  \"}")]
    [InlineData("{\"text\":\"\\u200B\\u202E\",\"username\":\"ci\"}")]
    [InlineData("{\"text\":null,\"attachments\":[{\"color\":\"good\"}]}")]
    [InlineData("{\"blocks\":[{\"type\":\"divider\"},{\"type\":\"actions\",\"elements\":[]}]}")]
    public void A_post_with_nothing_to_show_has_no_text(string json) =>
        Assert.Equal(new HookPayloadResult(null, "no_text"), HookPayload.Parse(json));

    [Fact]
    public void Links_other_than_web_and_mail_addresses_are_dropped()
    {
        var post = Post("""
            {"attachments":[{"title":"click","title_link":"javascript:alert(1)","author_name":"Ann","author_link":"data:text/html,x",
              "text":"<javascript:alert(1)|run> <https://ok.example|ok>"}]}
            """);

        var box = Assert.Single(post.Card!.Boxes);
        Assert.Equal(new CardTitle("click", null), Single<CardTitle>(box));
        Assert.Equal(new CardAuthor("Ann", null), Single<CardAuthor>(box));
        Assert.Equal("run ok (https://ok.example)", Single<CardText>(box).Markdown);
    }

    [Theory]
    [InlineData("red;background:url(x)", null)]
    [InlineData("#12345g", null)]
    [InlineData("#1234", null)]
    [InlineData("36a64f", null)]
    [InlineData("#36A64F", "#36a64f")]
    [InlineData("warning", "#daa038")]
    [InlineData(" Danger ", "#a30200")]
    public void Only_Slacks_colour_names_and_hex_colours_are_kept(string color, string? kept)
    {
        var post = Post($$"""{"attachments":[{"text":"x","color":"{{color}}"}]}""");

        Assert.Equal(kept, Assert.Single(post.Card!.Boxes).Color);
    }

    [Fact]
    public void The_username_is_one_trimmed_line_of_at_most_64_characters_without_bidi_controls()
    {
        var post = Post($$"""{"text":"x","username":"  ci\u202E\nbot {{new string('n', 80)}}  ","icon_emoji":"no_such_code"}""");

        Assert.Equal("ci bot " + new string('n', 57), post.Card!.As);
        Assert.Null(post.Card.Icon);
    }

    [Fact]
    public void A_huge_payload_makes_a_small_card()
    {
        var fields = string.Join(',', Enumerable.Repeat("""{"title":"a","value":"b","short":true}""", 40));
        var attachment = $$"""{"title":"{{new string('t', 1000)}}","text":"{{new string('x', 9000)}}","fields":[{{fields}}]}""";
        var post = Post($$"""{"attachments":[{{string.Join(',', Enumerable.Repeat(attachment, 30))}}]}""");

        var card = post.Card!;
        Assert.True(card.Boxes.Count <= HookPayload.MaxAttachments);
        Assert.All(card.Boxes.SelectMany(b => b.Items).OfType<CardFields>(), f => Assert.True(f.Fields.Count <= HookPayload.MaxFields));
        Assert.EndsWith("…", card.Boxes[0].Items.OfType<CardTitle>().Single().Text);
        Assert.InRange(MessageCard.ToJson(card).Length, 1, 16_000);
    }

    [Fact]
    public void A_card_round_trips_through_its_json()
    {
        var post = Post("""
            {"text":"x","username":"ci","icon_emoji":":tada:","blocks":[{"type":"header","text":{"type":"plain_text","text":"H"}},
              {"type":"divider"},{"type":"context","elements":[{"type":"mrkdwn","text":"c"}]}],
             "attachments":[{"color":"good","pretext":"p","author_name":"A","author_link":"https://a.example","title":"T",
              "title_link":"https://t.example","text":"*t*","fields":[{"title":"f","value":"v","short":true}],
              "image_url":"https://i.example/i.png","footer":"F","ts":"1700000000.5"}]}
            """);

        var json = MessageCard.ToJson(post.Card!);
        var back = MessageCard.FromJson(json)!;

        Assert.Equal(json, MessageCard.ToJson(back));
        Assert.Equal(post.Card!.Boxes.SelectMany(b => b.Items).Select(i => i.GetType()), back.Boxes.SelectMany(b => b.Items).Select(i => i.GetType()));
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), back.Boxes[1].Items.OfType<CardFooter>().Single().Time);
        Assert.Null(MessageCard.FromJson(null));
        Assert.Null(MessageCard.FromJson("not json"));
    }
}
