using BlazorMessenger.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorMessenger.Tests.Realtime;

public sealed class HubListenerTests
{
    private readonly InProcessMessengerHub _hub = new(NullLogger<InProcessMessengerHub>.Instance);
    private readonly CircuitEvents _circuit = new();
    private readonly List<object> _seen = [];
    private readonly List<Exception> _dispatched = [];

    [Fact]
    public void Events_and_reconnects_run_through_the_components_invoke()
    {
        var invokes = 0;
        using var listener = Start(work =>
        {
            invokes++;
            return work();
        });

        _hub.Publish(["u"], new ContactsChanged());
        _circuit.RaiseReconnected();

        Assert.Equal(2, invokes);
        Assert.Equal([new ContactsChanged(), "reconnected"], _seen);
    }

    [Fact]
    public void A_handler_that_throws_reaches_the_components_error_handling_and_the_next_event_still_arrives()
    {
        using var listener = HubListener.Start(_hub, "u", work => work(), ex =>
        {
            _dispatched.Add(ex);
            return Task.CompletedTask;
        }, e => e is ContactsChanged ? throw new InvalidOperationException("broken handler") : Record(e));

        _hub.Publish(["u"], new ContactsChanged());
        _hub.Publish(["u"], new ReadStateChanged(1, 2));

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
        var queued = new List<Func<Task>>();
        var listener = Start(work =>
        {
            queued.Add(work);
            return Task.CompletedTask;
        });
        _hub.Publish(["u"], new ContactsChanged());

        listener.Dispose();
        await Assert.Single(queued)();

        Assert.Empty(_seen);
    }

    private HubListener Start(Func<Func<Task>, Task> invokeAsync) =>
        HubListener.Start(_hub, "u", invokeAsync, ex =>
            {
                _dispatched.Add(ex);
                return Task.CompletedTask;
            }, Record)
            .OnReconnected(_circuit, () => Record("reconnected"));

    private Task Record(object what)
    {
        _seen.Add(what);
        return Task.CompletedTask;
    }
}
