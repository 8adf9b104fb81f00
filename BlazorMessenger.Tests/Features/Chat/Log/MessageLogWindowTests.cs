using BlazorMessenger.Features.Chat;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat;

/// <summary>The log holds at most a window of messages (100 by default): what goes at one end loads again when needed.</summary>
public sealed class MessageLogWindowTests : ChatComponentContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_window_lets_go_of_its_oldest_for_a_message_at_the_bottom_and_leaves_the_message_below_for_a_reader_further_back()
    {
        await Bed.StoreSilentlyAsync([.. Enumerable.Range(1, 150).Select(i => $"old {i}")]);
        var last = (await Bed.Chat.GetPageAsync(Bed.Bob, Bed.ConversationId, null, Ct))[^1];
        await Bed.Receipts.MarkReadAsync(Bed.Bob, Bed.ConversationId, last.Seq, Ct);
        JSInterop.SetupModule("./Features/Chat/Log/MessageLog.razor.js");
        var cut = await RenderLogAsync();
        await cut.InvokeAsync(() => cut.Instance.LoadOlderAsync());
        cut.WaitForAssertion(() => Assert.Equal(("old 51", "old 150", 100), Shown(cut)));

        await Task.Run(() => Bed.SendAsync(Bed.Alice, "new 1"), Ct);
        cut.WaitForAssertion(() => Assert.Equal(("old 52", "new 1", 100), Shown(cut)));
        Assert.Contains("Load older messages", cut.Markup);

        await cut.InvokeAsync(() => cut.Instance.OnAtBottomChanged(false));
        await Task.Run(() => Bed.SendAsync(Bed.Alice, "new 2"), Ct);
        cut.WaitForAssertion(() => Assert.Contains("1 new message", cut.Markup));
        Assert.Equal(("old 52", "new 1", 100), Shown(cut));
        Assert.Equal("true", cut.Find("[data-log-bottom]").GetAttribute("data-more"));

        await cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        cut.WaitForAssertion(() => Assert.Equal(("old 53", "new 2", 100), Shown(cut)));
        Assert.Equal("false", cut.Find("[data-log-bottom]").GetAttribute("data-more"));
    }

    [Fact]
    public async Task Scrolling_up_past_the_window_lets_go_of_the_newest_and_scrolling_down_loads_them_again()
    {
        await Bed.StoreSilentlyAsync([.. Enumerable.Range(1, 160).Select(i => $"old {i}")]);
        var last = (await Bed.Chat.GetPageAsync(Bed.Bob, Bed.ConversationId, null, Ct))[^1];
        await Bed.Receipts.MarkReadAsync(Bed.Bob, Bed.ConversationId, last.Seq, Ct);
        JSInterop.SetupModule("./Features/Chat/Log/MessageLog.razor.js");
        var cut = await RenderLogAsync();

        await cut.InvokeAsync(() => cut.Instance.LoadOlderAsync());
        await cut.InvokeAsync(() => cut.Instance.LoadOlderAsync());
        cut.WaitForAssertion(() => Assert.Equal(("old 11", "old 110", 100), Shown(cut)));
        Assert.Contains("Load newer messages", cut.Markup);

        await cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        cut.WaitForAssertion(() => Assert.Equal(("old 61", "old 160", 100), Shown(cut)));
        Assert.DoesNotContain("Load newer messages", cut.Markup);
    }

    private static (string First, string Last, int Count) Shown(IRenderedComponent<MessageLog> cut)
    {
        var bodies = cut.FindAll(".bm-msg .bm-body");
        return (bodies[0].TextContent, bodies[^1].TextContent, bodies.Count);
    }

    private async Task<IRenderedComponent<MessageLog>> RenderLogAsync()
    {
        var conversation = await Bed.Chat.OpenDirectAsync(Bed.Bob, "alice", Ct);
        var cut = Render<MessageLog>(p => p.Add(c => c.Conversation, conversation!).Add(c => c.UserId, Bed.Bob));
        cut.WaitForAssertion(() => Assert.Equal(1, ((InProcessMessengerHub)Bed.Hub).SubscriptionCount(Bed.Bob)));
        return cut;
    }
}
