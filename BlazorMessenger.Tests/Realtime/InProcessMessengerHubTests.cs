using BlazorMessenger.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorMessenger.Tests.Realtime;

public sealed class InProcessMessengerHubTests
{
    private readonly InProcessMessengerHub _hub = new(NullLogger<InProcessMessengerHub>.Instance);

    [Fact]
    public void An_event_reaches_every_subscription_of_every_addressed_user_once()
    {
        var received = new List<string>();
        for (var tab = 0; tab < 3; tab++)
        {
            var name = $"bob-tab{tab}";
            _hub.Subscribe("bob", _ => received.Add(name));
        }

        _hub.Subscribe("alice", _ => received.Add("alice-tab0"));
        _hub.Subscribe("carol", _ => received.Add("carol-tab0"));

        _hub.Publish(["bob", "alice", "bob"], new ContactsChanged());

        Assert.Equal(["alice-tab0", "bob-tab0", "bob-tab1", "bob-tab2"], received.Order());
    }

    [Fact]
    public void A_disposed_subscription_receives_nothing_and_is_removed()
    {
        var received = 0;
        var first = _hub.Subscribe("bob", _ => received++);
        var second = _hub.Subscribe("bob", _ => received += 10);

        first.Dispose();
        first.Dispose();
        _hub.Publish(["bob"], new ContactsChanged());
        second.Dispose();
        _hub.Publish(["bob"], new ContactsChanged());

        Assert.Equal(10, received);
        Assert.Equal(0, _hub.SubscriptionCount("bob"));
    }

    [Fact]
    public void A_throwing_handler_does_not_stop_the_others()
    {
        var received = new List<int>();
        _hub.Subscribe("bob", _ => received.Add(1));
        _hub.Subscribe("bob", _ => throw new InvalidOperationException("broken circuit"));
        _hub.Subscribe("bob", _ => received.Add(3));

        _hub.Publish(["bob"], new ContactsChanged());

        Assert.Equal([1, 3], received);
    }

    [Fact]
    public async Task Subscribing_and_disposing_from_many_threads_while_publishing_keeps_the_map_consistent()
    {
        var ct = TestContext.Current.CancellationToken;
        var publishing = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                _hub.Publish(["bob"], new ContactsChanged());
            }
        }, ct);
        var churn = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                _hub.Subscribe("bob", _ => { }).Dispose();
            }
        }, ct));

        await Task.WhenAll(churn.Append(publishing));

        Assert.Equal(0, _hub.SubscriptionCount("bob"));
    }
}
