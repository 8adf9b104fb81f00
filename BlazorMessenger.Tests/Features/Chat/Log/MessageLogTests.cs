using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Chat.Log;

public sealed class MessageLogTests : ChatComponentContext
{
    [Fact]
    public async Task The_log_is_named_and_shows_user_text_as_text_with_own_and_others_told_apart()
    {
        await Bed.SendAsync(Bed.Alice, "<img src=x onerror=alert(1)>");
        await Bed.SendAsync(Bed.Bob, "reply");

        var cut = await RenderLogAsync(Bed.Bob);

        var log = cut.Find("[role=log]");
        Assert.Equal("Messages", log.GetAttribute("aria-label"));
        Assert.Empty(log.QuerySelectorAll("img"));
        var bubbles = cut.FindAll(".bm-msg");
        Assert.Equal("<img src=x onerror=alert(1)>", bubbles[0].QuerySelector(".bm-body")!.TextContent);
        Assert.Contains("bm-theirs", bubbles[0].ClassList);
        Assert.Contains("bm-mine", bubbles[1].ClassList);
    }

    [Fact]
    public async Task A_message_arriving_from_another_thread_appears_once_even_if_delivered_twice()
    {
        var cut = await RenderLogAsync(Bed.Bob);
        var sent = await Task.Run(() => Bed.SendAsync(Bed.Alice, "from another thread"), Xunit.TestContext.Current.CancellationToken);

        Bed.Hub.Publish([Bed.Bob], new MessagePosted(sent));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".bm-msg")));
        Assert.Contains("from another thread", cut.Find(".bm-body").TextContent);
    }

    [Fact]
    public async Task A_gap_in_the_sequence_is_filled_from_the_database()
    {
        var cut = await RenderLogAsync(Bed.Bob);
        await Bed.StoreSilentlyAsync("missed 1", "missed 2");

        await Bed.SendAsync(Bed.Alice, "seen live");

        cut.WaitForAssertion(() => Assert.Equal(
            ["missed 1", "missed 2", "seen live"], cut.FindAll(".bm-body").Select(b => b.TextContent)));
    }

    [Fact]
    public async Task A_new_message_renders_its_own_bubble_and_leaves_the_others_alone()
    {
        for (var i = 0; i < 5; i++)
        {
            await Bed.SendAsync(Bed.Alice, $"earlier {i}");
        }

        var cut = await RenderLogAsync(Bed.Bob);
        var before = cut.FindComponents<MessageBubble>().Select(b => b.RenderCount).ToList();

        await Task.Run(() => Bed.SendAsync(Bed.Alice, "new one"), Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindComponents<MessageBubble>().Count));
        var bubbles = cut.FindComponents<MessageBubble>();
        Assert.Equal(before, bubbles.Take(5).Select(b => b.RenderCount));
        Assert.Equal(1, bubbles[5].RenderCount);
    }

    [Fact]
    public async Task After_a_reconnect_the_log_catches_up_from_the_database()
    {
        var cut = await RenderLogAsync(Bed.Bob);
        await Bed.StoreSilentlyAsync("sent while disconnected");

        await cut.InvokeAsync(() => Services.GetRequiredService<CircuitEvents>().RaiseReconnected());

        cut.WaitForAssertion(() => Assert.Equal("sent while disconnected", cut.Find(".bm-body").TextContent));
    }

    [Fact]
    public async Task Disposing_the_log_ends_its_hub_subscription()
    {
        var hub = (InProcessMessengerHub)Bed.Hub;
        var before = hub.SubscriptionCount(Bed.Bob);
        await RenderLogAsync(Bed.Bob);
        Assert.Equal(before + 1, hub.SubscriptionCount(Bed.Bob));

        await DisposeComponentsAsync();

        Assert.Equal(before, hub.SubscriptionCount(Bed.Bob));
    }

    private async Task<IRenderedComponent<MessageLog>> RenderLogAsync(string userId)
    {
        var userName = userId == Bed.Bob ? "alice" : "bob";
        var conversation = await Bed.Chat.OpenDirectAsync(userId, userName, Xunit.TestContext.Current.CancellationToken);
        var cut = Render<MessageLog>(p => p.Add(c => c.Conversation, conversation!).Add(c => c.UserId, userId));
        cut.WaitForAssertion(() => Assert.Equal(1, ((InProcessMessengerHub)Bed.Hub).SubscriptionCount(userId)));
        return cut;
    }
}
