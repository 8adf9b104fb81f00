using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Push;

/// <summary>Two instances over Redis: the one that stores a message pushes it, minding tabs on the other; a read on either closes it.</summary>
public sealed class RedisPushTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tab_on_one_instance_holds_back_the_push_of_a_message_stored_on_the_other_and_a_read_there_closes_it()
    {
        await using var push = await PushService.StartAsync();
        await using var instances = await RedisInstances.CreateAsync(PushTesting.Settings);
        var (a, b) = (instances.A, instances.B);
        var alice = await a.CreateUserAsync("alice");
        var bob = await a.CreateUserAsync("bob");
        var conversation = (await a.Get<ContactService>().AddAsync(alice, "bob", Ct)).Value!.ConversationId;
        Assert.True(await a.Get<SafetyService>().AcceptAsync(bob, conversation, Ct));
        var (_, phone) = await a.SubscribedAsync(push, bob);
        await a.StartPushingAsync();
        await b.StartPushingAsync();

        // Bob's laptop tab, on instance A, shows the chat; alice's message is stored by instance B.
        a.Get<PushViewers>().Set("laptop-tab", bob, "chat/alice");
        await Eventually.TrueAsync(() => b.Get<PushViewers>().ShowsAsync(bob, "chat/alice"), "B hearing of A's tab");
        await SendAsync(b, alice, conversation, "on screen");
        await b.SettledAsync();
        Assert.Empty(await push.ReceivedAsync(phone));

        a.Get<PushViewers>().Leave("laptop-tab");
        await Eventually.TrueAsync(async () => !await b.Get<PushViewers>().ShowsAsync(bob, "chat/alice"), "B hearing the tab closed");
        var message = await SendAsync(b, alice, conversation, "off screen");
        await b.SettledAsync();
        Assert.Equal("message", Assert.Single(await push.ReceivedAsync(phone)).Type);

        // Bob reads on instance A: A finds the push B noted, and closes it once.
        await a.Get<ReceiptService>().MarkReadAsync(bob, conversation, message.Seq, Ct);
        await a.SettledAsync();
        Assert.Equal(["message", "read"], (await push.ReceivedAsync(phone)).Select(p => p.Type));
    }

    private static async Task<ChatMessage> SendAsync(TestServices instance, string senderId, long conversationId, string text)
    {
        var sent = await instance.Get<ChatService>().SendAsync(senderId, conversationId, Guid.NewGuid(), text, ct: Ct);
        Assert.True(sent.Succeeded, sent.Error);
        return sent.Value!;
    }
}
