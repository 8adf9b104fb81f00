using System.Collections.Concurrent;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorMessenger.Tests.Realtime;

public sealed class HubListenerTests
{
    private readonly InProcessMessengerHub _hub = new(NullLogger<InProcessMessengerHub>.Instance);
    private readonly CircuitEvents _circuit = new();
    private readonly ConcurrentQueue<object> _seen = new();
    private readonly ConcurrentQueue<Exception> _dispatched = new();

    [Fact]
    public async Task Events_and_reconnects_run_through_the_components_invoke()
    {
        var invokes = 0;
        using var listener = Start(work =>
        {
            Interlocked.Increment(ref invokes);
            return work();
        });

        _hub.Publish(["u"], new ContactsChanged());
        _circuit.RaiseReconnected();

        await Eventually.TrueAsync(() => _seen.Count == 2, "both deliveries");
        Assert.Equal(2, invokes);
        Assert.Equal([new ContactsChanged(), "reconnected"], _seen);
    }

    [Fact]
    public async Task Events_missed_from_other_servers_run_the_reconnect_catch_up_and_reach_no_event_handler()
    {
        using var listener = Start(work => work());

        _hub.PublishToEveryone(new CatchUpNeeded());
        _hub.Publish(["u"], new ContactsChanged());

        await Eventually.TrueAsync(() => _seen.Count == 2, "both deliveries");
        Assert.Equal(["reconnected", new ContactsChanged()], _seen);
    }

    [Fact]
    public async Task The_publishers_thread_only_hands_over_and_events_arrive_in_the_order_published()
    {
        using var publishing = new ThreadLocal<bool>();
        var ranInsidePublish = 0;
        using var listener = Start(work =>
        {
            if (publishing.Value)
            {
                Interlocked.Increment(ref ranInsidePublish);
            }

            return work();
        });

        for (var i = 1; i <= 500; i++)
        {
            publishing.Value = true;
            _hub.Publish(["u"], new ReadStateChanged(i, i));
            publishing.Value = false;
        }

        await Eventually.TrueAsync(() => _seen.Count == 500, "500 deliveries");
        Assert.Equal(0, ranInsidePublish);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (object)new ReadStateChanged(i, i)), _seen);
    }

    [Fact]
    public async Task A_handler_that_throws_reaches_the_components_error_handling_and_the_next_event_still_arrives()
    {
        using var listener = HubListener.Start(_hub, "u", work => work(), ex =>
        {
            _dispatched.Enqueue(ex);
            return Task.CompletedTask;
        }, e => e is ContactsChanged ? throw new InvalidOperationException("broken handler") : Record(e));

        _hub.Publish(["u"], new ContactsChanged());
        _hub.Publish(["u"], new ReadStateChanged(1, 2));

        await Eventually.TrueAsync(() => !_seen.IsEmpty, "the second event");
        Assert.Equal("broken handler", Assert.Single(_dispatched).Message);
        Assert.Equal([new ReadStateChanged(1, 2)], _seen);
    }

    [Fact]
    public void Disposing_ends_the_subscription_and_the_reconnect_handler()
    {
        var listener = Start(work => work());

        listener.Dispose();
        _hub.Publish(["u"], new ContactsChanged());
        _circuit.RaiseReconnected();

        Assert.Equal(0, _hub.SubscriptionCount("u"));
        Assert.Empty(_seen);
    }

    [Fact]
    public async Task Work_queued_before_the_dispose_does_not_run_after_it()
    {
        var queued = new ConcurrentQueue<Func<Task>>();
        var listener = Start(work =>
        {
            queued.Enqueue(work);
            return Task.CompletedTask;
        });
        _hub.Publish(["u"], new ContactsChanged());
        await Eventually.TrueAsync(() => !queued.IsEmpty, "the hand-over to the renderer");

        listener.Dispose();
        await Assert.Single(queued)();

        Assert.Empty(_seen);
    }

    [Fact]
    public async Task The_circuit_is_caught_up_once_every_components_catch_up_has_run_or_the_component_went_away()
    {
        var queued = new ConcurrentQueue<Func<Task>>();
        using var ran = Start(work => work());
        var held = Start(work =>
        {
            queued.Enqueue(work);
            return Task.CompletedTask;
        });

        _circuit.RaiseReconnected();
        var caughtUp = _circuit.CaughtUpAsync();
        await Eventually.TrueAsync(() => !queued.IsEmpty && _seen.Count == 1, "the first catch-up run and the second handed over");
        Assert.False(caughtUp.IsCompleted, "The second component has not caught up yet.");
        Assert.True(queued.TryDequeue(out var first));
        await first();
        await caughtUp.WaitAsync(TestContext.Current.CancellationToken);

        _circuit.RaiseReconnected();
        var again = _circuit.CaughtUpAsync();
        await Eventually.TrueAsync(() => queued.Count == 1, "the next catch-up handed over");
        held.Dispose();
        await again.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["reconnected", "reconnected", "reconnected"], _seen);
    }

    private HubListener Start(Func<Func<Task>, Task> invokeAsync) =>
        HubListener.Start(_hub, "u", invokeAsync, ex =>
            {
                _dispatched.Enqueue(ex);
                return Task.CompletedTask;
            }, Record)
            .OnReconnected(_circuit, () => Record("reconnected"));

    private Task Record(object what)
    {
        _seen.Enqueue(what);
        return Task.CompletedTask;
    }
}
