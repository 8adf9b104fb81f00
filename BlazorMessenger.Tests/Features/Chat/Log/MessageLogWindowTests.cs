using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>The log holds at most a window of messages (100 by default): what goes at one end loads again when needed.</summary>
public sealed class MessageLogWindowTests : ChatComponentContext
{
    private readonly HeldMessageRead _heldRead = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureDbContext<ApplicationDbContext>(db => db.AddInterceptors(_heldRead));

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

    [Fact]
    public async Task Two_calls_for_the_next_page_at_once_add_it_once()
    {
        var (cut, module) = await ScrolledBackAsync();
        var measure = module.Setup<object>("measure", _ => true);

        var first = cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        var second = cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        measure.SetResult(null!);

        var answers = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal([true, false], answers);
        cut.WaitForAssertion(() => Assert.Equal(("old 61", "old 160", 100), Shown(cut)));
        Assert.Equal(Enumerable.Range(61, 100).Select(i => $"old {i}"), Bodies(cut));
    }

    [Fact]
    public async Task A_page_still_on_its_way_when_the_reader_jumps_elsewhere_is_dropped_rather_than_put_out_of_place()
    {
        var cut = await OpenedAtNewestAsync();
        var held = _heldRead.ArmAsync();

        var older = cut.InvokeAsync(() => cut.Instance.LoadOlderAsync());
        await held.WaitAsync(Ct);
        await cut.InvokeAsync(() => cut.Instance.JumpToAsync(5));
        _heldRead.Release();

        Assert.False(await older);
        var bodies = Bodies(cut);
        Assert.Equal("old 1", bodies[0]);
        Assert.Equal(Enumerable.Range(1, bodies.Count).Select(i => $"old {i}"), bodies);
        Assert.Contains("Load newer messages", cut.Markup);
    }

    [Fact]
    public async Task Of_two_jumps_the_later_one_wins_even_when_the_earlier_one_answers_last()
    {
        var cut = await OpenedAtNewestAsync();
        var held = _heldRead.ArmAsync();

        var earlier = cut.InvokeAsync(() => cut.Instance.JumpToAsync(5));
        await held.WaitAsync(Ct);
        await cut.InvokeAsync(() => cut.Instance.JumpToAsync(80));
        _heldRead.Release();
        await earlier;

        Assert.Equal("old 80", cut.Find(".bm-msg.bm-target .bm-body").TextContent);
        Assert.Contains("old 80", Bodies(cut));
    }

    [Fact]
    public async Task A_reconnect_while_reading_further_back_announces_nothing_and_what_came_meanwhile_loads_on_the_way_down()
    {
        var (cut, _) = await ScrolledBackAsync();
        await Bed.StoreSilentlyAsync("meanwhile 1", "meanwhile 2");
        var renders = cut.RenderCount;

        await cut.InvokeAsync(() => Services.GetRequiredService<CircuitEvents>().RaiseReconnected());

        // The reconnect ends with a render (the receipts read again); a catch-up would render what it found first.
        cut.WaitForState(() => cut.RenderCount > renders);
        Assert.Equal(("old 11", "old 110", 100), Shown(cut));
        Assert.DoesNotContain("new message", cut.Markup);
        Assert.Equal("", cut.Find("[data-testid=announcement]").TextContent);
        await cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        await cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        cut.WaitForAssertion(() => Assert.Equal(("old 63", "meanwhile 2", 100), Shown(cut)));
    }

    [Fact]
    public async Task A_message_sent_while_the_last_newer_page_was_being_read_waits_below_and_counts_once()
    {
        var (cut, _) = await ScrolledBackAsync();
        await cut.InvokeAsync(() => cut.Instance.OnAtBottomChanged(false));
        var held = _heldRead.ArmAsync();
        var newer = cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        await held.WaitAsync(Ct);

        await Task.Run(() => Bed.SendAsync(Bed.Alice, "sent meanwhile"), Ct);
        cut.WaitForAssertion(() => Assert.Contains("1 new message", cut.Markup));
        _heldRead.Release();

        Assert.True(await newer);
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-log-bottom]").GetAttribute("data-more")));
        Assert.Equal(("old 61", "old 160", 100), Shown(cut));
        Assert.Contains("1 new message", cut.Markup);
        await cut.InvokeAsync(() => cut.Instance.LoadNewerAsync());
        cut.WaitForAssertion(() => Assert.Equal(("old 62", "sent meanwhile", 100), Shown(cut)));
    }

    private async Task<IRenderedComponent<MessageLog>> OpenedAtNewestAsync()
    {
        await Bed.StoreSilentlyAsync([.. Enumerable.Range(1, 160).Select(i => $"old {i}")]);
        await ReadAllAsync();
        JSInterop.SetupModule("./Features/Chat/Log/MessageLog.razor.js");
        return await RenderLogAsync();
    }

    /// <summary>160 messages, read; the log scrolled back two pages: old 11 to old 110 shown, the newest let go of.</summary>
    private async Task<(IRenderedComponent<MessageLog> Cut, BunitJSModuleInterop Module)> ScrolledBackAsync()
    {
        await Bed.StoreSilentlyAsync([.. Enumerable.Range(1, 160).Select(i => $"old {i}")]);
        await ReadAllAsync();
        var module = JSInterop.SetupModule("./Features/Chat/Log/MessageLog.razor.js");
        var cut = await RenderLogAsync();
        await cut.InvokeAsync(() => cut.Instance.LoadOlderAsync());
        await cut.InvokeAsync(() => cut.Instance.LoadOlderAsync());
        cut.WaitForAssertion(() => Assert.Equal(("old 11", "old 110", 100), Shown(cut)));
        return (cut, module);
    }

    private async Task ReadAllAsync()
    {
        var last = (await Bed.Chat.GetPageAsync(Bed.Bob, Bed.ConversationId, null, Ct))[^1];
        await Bed.Receipts.MarkReadAsync(Bed.Bob, Bed.ConversationId, last.Seq, Ct);
    }

    private static List<string> Bodies(IRenderedComponent<MessageLog> cut) =>
        [.. cut.FindAll(".bm-msg .bm-body").Select(b => b.TextContent)];

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
