using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat;

public sealed class ComposerTests : ChatComponentContext
{
    /// <summary>Five messages, then one a minute: no refill can happen while a test runs.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messenger:RateLimits:MessageBurst"] = "5",
        ["Messenger:RateLimits:MessagesPerMinute"] = "1",
    };

    [Fact]
    public async Task Submitting_sends_the_text_and_clears_the_box()
    {
        var cut = RenderComposer();

        cut.Find("textarea").Input("hello from the composer");
        await cut.Find("form").SubmitAsync();

        var stored = await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("hello from the composer", Assert.Single(stored).Body);
        Assert.Equal("", cut.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task A_too_long_text_gets_a_clear_message_and_stays_in_the_box()
    {
        var cut = RenderComposer();
        var text = new string('x', MessageRules.MaxLength + 1);

        cut.Find("textarea").Input(text);
        await cut.Find("form").SubmitAsync();

        Assert.Equal(MessageRules.TooLong, cut.Find("[role=alert]").TextContent);
        Assert.Equal(text, cut.Find("textarea").GetAttribute("value"));
        Assert.Empty(await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_message_refused_by_the_send_limit_comes_back_into_the_box_with_the_reason()
    {
        for (var i = 0; i < 5; i++)
        {
            await Bed.SendAsync(Bed.Alice, $"burst {i}");
        }

        var cut = RenderComposer();
        cut.Find("textarea").Input("one too many");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal(MessageRules.SlowDown, cut.Find("[role=alert]").TextContent));
        Assert.Equal("one too many", cut.Find("textarea").GetAttribute("value"));
        var stored = await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken);
        Assert.DoesNotContain(stored, m => m.Body == "one too many");
    }

    [Fact]
    public async Task Whitespace_is_not_sent()
    {
        var cut = RenderComposer();

        cut.Find("textarea").Input("   \n  ");
        await cut.Find("form").SubmitAsync();

        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Empty(await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_text_box_and_the_button_have_accessible_names()
    {
        var cut = RenderComposer();

        Assert.Equal("Message", cut.Find("textarea").GetAttribute("aria-label"));
        Assert.Contains("Send", cut.Find("button[type=submit]").TextContent);
    }

    private IRenderedComponent<Composer> RenderComposer() =>
        Render<Composer>(p => p.Add(c => c.ConversationId, Bed.ConversationId).Add(c => c.UserId, Bed.Alice));
}
