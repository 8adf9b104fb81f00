using BlazorMessenger.Features.Chat;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat;

public sealed class PeerTitleTests : ChatComponentContext
{
    [Fact]
    public async Task The_peers_presence_typing_and_new_name_arrive_live_and_disposing_ends_the_subscriptions()
    {
        var hub = (InProcessMessengerHub)Bed.Hub;
        var conversation = await Bed.Chat.OpenDirectAsync(Bed.Bob, "alice", Xunit.TestContext.Current.CancellationToken);
        var cut = Render<PeerTitle>(p => p.Add(c => c.Peer, conversation!.Peer!).Add(c => c.UserId, Bed.Bob)
            .Add(c => c.ConversationId, Bed.ConversationId));
        // The title's and its typing line's.
        cut.WaitForAssertion(() => Assert.Equal(2, hub.SubscriptionCount(Bed.Bob)));

        await Task.Run(() =>
        {
            hub.Publish([Bed.Bob], new PresenceChanged(Bed.Alice, true, null));
            hub.Publish([Bed.Bob], new ProfileChanged(Bed.Alice, "Alice Wonder", null));
        }, Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("online", cut.Find("[data-testid=presence-status]").TextContent);
            Assert.Equal("Alice Wonder", cut.Find("h1").TextContent);
        });
        await Task.Run(() => hub.Publish([Bed.Bob], new TypingChanged(Bed.ConversationId, [new(Bed.Alice, "Alice Wonder")], 2)),
            Xunit.TestContext.Current.CancellationToken);
        cut.WaitForAssertion(() => Assert.Equal("Alice Wonder is typing…", cut.Find("[data-testid=presence-status]").TextContent));
        // An older event arriving late changes nothing; the newer "stopped" does.
        await Task.Run(() => hub.Publish([Bed.Bob], new TypingChanged(Bed.ConversationId, [], 1)), Xunit.TestContext.Current.CancellationToken);
        await Task.Run(() => hub.Publish([Bed.Bob], new TypingChanged(Bed.ConversationId, [new(Bed.Alice, "Alice Wonder")], 2)),
            Xunit.TestContext.Current.CancellationToken);
        cut.WaitForAssertion(() => Assert.Equal("Alice Wonder is typing…", cut.Find("[data-testid=presence-status]").TextContent));
        await Task.Run(() => hub.Publish([Bed.Bob], new TypingChanged(Bed.ConversationId, [], 3)), Xunit.TestContext.Current.CancellationToken);
        cut.WaitForAssertion(() => Assert.Equal("online", cut.Find("[data-testid=presence-status]").TextContent));

        await DisposeComponentsAsync();
        Assert.Equal(0, hub.SubscriptionCount(Bed.Bob));
    }
}
