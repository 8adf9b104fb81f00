using System.Collections.Concurrent;
using System.Diagnostics;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Realtime;

public sealed class RedisMessengerHubTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_sent_on_one_instance_reaches_the_recipient_on_the_other_once()
    {
        await using var instances = await RedisInstances.CreateAsync();
        var (alice, bob, conversation) = await FriendsAsync(instances.A);
        using var alicesTab = new HubRecorder(instances.A.Get<IMessengerHub>(), alice);
        using var bobsOtherTab = new HubRecorder(instances.B.Get<IMessengerHub>(), bob);

        var sent = await instances.B.Get<ChatService>().SendAsync(bob, conversation, Guid.NewGuid(), "hello from B", ct: Ct);

        await Eventually.TrueAsync(() => alicesTab.OfType<MessagePosted>().Any(), "the message on instance A");
        Assert.Equal(sent.Value!.Seq, alicesTab.OfType<MessagePosted>().Single().Message.Seq);
        Assert.Equal("hello from B", alicesTab.OfType<MessagePosted>().Single().Message.Body);
        // The sender's own tab on B had it at once, and its echo from Redis is not delivered again.
        await SettleAsync(instances);
        Assert.Single(bobsOtherTab.OfType<MessagePosted>());
    }

    [Fact]
    public async Task Every_kind_of_event_crosses_in_the_order_it_was_published()
    {
        await using var instances = await RedisInstances.CreateAsync();
        using var alicesTab = new HubRecorder(instances.A.Get<IMessengerHub>(), "alice");
        var hubOfB = instances.B.Get<IMessengerHub>();
        MessengerEvent[] events =
        [
            new TypingChanged(3, [new Typist("bob", "Bob")], 1),
            new ReceiptMoved(3, new BlazorMessenger.Features.Receipts.MemberPosition("bob", 5, 5)),
            new PresenceChanged("bob", true, null),
            new ProfileChanged("bob", "Bobby", null),
            new TypingChanged(3, [], 2),
        ];

        foreach (var e in events)
        {
            hubOfB.Publish(["alice", "nobody-here"], e);
        }

        await Eventually.TrueAsync(() => alicesTab.Events.Count == events.Length, "every event on instance A");
        Assert.Equal(events.Select(e => e.GetType()), alicesTab.Events.Select(e => e.GetType()));
        Assert.Equal([1L, 2L], alicesTab.OfType<TypingChanged>().Select(t => t.Version));
    }

    [Fact]
    public async Task News_about_a_server_stays_on_that_server()
    {
        await using var instances = await RedisInstances.CreateAsync();
        using var onA = new HubRecorder(instances.A.Get<IMessengerHub>(), "alice");
        using var onB = new HubRecorder(instances.B.Get<IMessengerHub>(), "alice");

        instances.B.Get<IMessengerHub>().PublishToEveryone(new ServerRestarting());
        instances.B.Get<IMessengerHub>().Publish(["alice"], new ContactsChanged());

        await Eventually.TrueAsync(() => onA.OfType<ContactsChanged>().Any(), "the later event on A");
        Assert.Empty(onA.OfType<ServerRestarting>());
        Assert.Single(onB.OfType<ServerRestarting>());
    }

    [Fact]
    public async Task Publishing_while_Redis_cannot_be_reached_delivers_here_and_neither_throws_nor_waits()
    {
        // Port 1 refuses connections: Redis is down from the start, and the instance starts anyway.
        await using var services = await TestServices.CreateAsync(settings: RedisEngine.Settings(RedisEngine.NewPrefix(), "127.0.0.1:1,connectTimeout=200"));
        var hub = services.Get<IMessengerHub>();
        Assert.IsType<RedisMessengerHub>(hub);
        using var tab = new HubRecorder(hub, "alice");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            hub.Publish(["alice"], new ReadStateChanged(1, i));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"100 publishes took {clock.Elapsed}.");
        Assert.Equal(100, tab.Events.Count);
    }

    [Fact]
    public async Task Without_Redis_the_hub_is_the_in_process_one()
    {
        await using var services = await TestServices.CreateAsync();

        Assert.IsType<InProcessMessengerHub>(services.Get<IMessengerHub>());
    }

    [Fact]
    public async Task A_disposed_hub_stops_listening_to_the_other_instances()
    {
        await using var instances = await RedisInstances.CreateAsync();
        var hubOfA = instances.A.Get<RedisMessengerHub>();
        instances.B.Get<IMessengerHub>();
        await Eventually.TrueAsync(async () => await instances.ListenersAsync("hub") == 2, "both instances listening");

        hubOfA.Dispose();

        await Eventually.TrueAsync(async () => await instances.ListenersAsync("hub") == 1, "only B listening");
    }

    [Fact]
    public async Task Losing_Redis_for_a_while_loses_no_message()
    {
        using var redis = await RedisServer.StartAsync();
        await using var instances = await RedisInstances.CreateAsync(redisAddress: $"{redis.Address},connectTimeout=500",
            settings: new Dictionary<string, string?> { ["Messenger:RateLimits:MessageBurst"] = "1000" });
        var (alice, bob, conversation) = await FriendsAsync(instances.A);
        var chatOfA = instances.A.Get<ChatService>();
        var view = new SeenMessages();
        var circuit = new CircuitEvents();
        using var listener = HubListener.Start(instances.A.Get<IMessengerHub>(), alice, work => work(), _ => Task.CompletedTask, e =>
            e is MessagePosted posted ? view.TakeAsync(posted.Message, () => chatOfA.GetAfterAsync(alice, conversation, view.Last, Ct)) : Task.CompletedTask)
            .OnReconnected(circuit, () => view.CatchUpAsync(() => chatOfA.GetAfterAsync(alice, conversation, view.Last, Ct)));
        instances.B.Get<IMessengerHub>();
        var chatOfB = instances.B.Get<ChatService>();
        var sent = 0;

        async Task SendAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True((await chatOfB.SendAsync(bob, conversation, Guid.NewGuid(), $"m{++sent}", ct: Ct)).Succeeded);
            }
        }

        await SendAsync(5);
        await Eventually.TrueAsync(() => view.Last == 5, "the first messages through Redis");
        redis.Stop();
        await SendAsync(5);
        await redis.RestartAsync();

        // Nothing follows to reveal a gap: only the catch-up after the connection came back brings them.
        await Eventually.TrueAsync(() => view.Last == 10, "the messages sent while Redis was down");
        await SendAsync(5);
        await Eventually.TrueAsync(() => view.Last == 15, "the messages after it came back, through Redis again");
        Assert.Equal(Enumerable.Range(1, sent).Select(i => (long)i), view.Seqs);
    }

    /// <summary>What a message log does with the hub: dedupe by Seq, read after its last Seq on a gap or a catch-up.</summary>
    private sealed class SeenMessages
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly ConcurrentDictionary<long, bool> _seqs = new();

        public long Last => _seqs.IsEmpty ? 0 : _seqs.Keys.Max();

        public IEnumerable<long> Seqs => _seqs.Keys.Order();

        public Task TakeAsync(ChatMessage message, Func<Task<IReadOnlyList<ChatMessage>>> readAfterLast) =>
            message.Seq > Last + 1 ? CatchUpAsync(readAfterLast) : LockedAsync(() => Task.FromResult(_seqs.TryAdd(message.Seq, true)));

        public Task CatchUpAsync(Func<Task<IReadOnlyList<ChatMessage>>> readAfterLast) =>
            LockedAsync(async () =>
            {
                foreach (var message in await readAfterLast())
                {
                    _seqs.TryAdd(message.Seq, true);
                }

                return true;
            });

        private async Task LockedAsync(Func<Task<bool>> work)
        {
            await _gate.WaitAsync(Ct);
            try
            {
                await work();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Waits until a marker published after everything else has crossed: nothing published before is still on its way.</summary>
    private static async Task SettleAsync(RedisInstances instances)
    {
        using var marker = new HubRecorder(instances.B.Get<IMessengerHub>(), "marker");
        instances.A.Get<IMessengerHub>().Publish(["marker"], new ContactsChanged());
        await Eventually.TrueAsync(() => !marker.Events.IsEmpty, "the marker");
    }

    private static async Task<(string Alice, string Bob, long Conversation)> FriendsAsync(TestServices services)
    {
        var alice = await services.CreateUserAsync("alice");
        var bob = await services.CreateUserAsync("bob");
        var added = await services.Get<ContactService>().AddAsync(alice, "bob", Ct);
        Assert.True(await services.Get<SafetyService>().AcceptAsync(bob, added.Value!.ConversationId, Ct));
        return (alice, bob, added.Value.ConversationId);
    }
}
