namespace BlazorMessenger.Realtime;

/// <summary>
/// The one way a component listens to the hub: each event (and each reconnect, when asked for) runs on the component's
/// renderer through its InvokeAsync, and a handler that throws goes to the component's DispatchExceptionAsync (its error
/// boundary) instead of vanishing. Start it on the first interactive render, before reading what it keeps live, and
/// dispose it with the component.
/// </summary>
public sealed class HubListener : IDisposable
{
    private readonly Func<Func<Task>, Task> _invokeAsync;
    private readonly Func<Exception, Task> _dispatchExceptionAsync;
    private readonly Func<MessengerEvent, Task> _onEvent;
    private readonly IDisposable _subscription;
    private CircuitEvents? _circuit;
    private Func<Task>? _onReconnected;
    private bool _disposed;

    private HubListener(
        IMessengerHub hub, string userId, Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync,
        Func<MessengerEvent, Task> onEvent)
    {
        (_invokeAsync, _dispatchExceptionAsync, _onEvent) = (invokeAsync, dispatchExceptionAsync, onEvent);
        _subscription = hub.Subscribe(userId, e => Run(() => _onEvent(e)));
    }

    /// <summary>Subscribes; pass the component's own InvokeAsync and DispatchExceptionAsync.</summary>
    public static HubListener Start(
        IMessengerHub hub, string userId, Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync,
        Func<MessengerEvent, Task> onEvent) => new(hub, userId, invokeAsync, dispatchExceptionAsync, onEvent);

    /// <summary>Also runs onReconnected after the circuit's connection comes back (to catch up from the database).</summary>
    public HubListener OnReconnected(CircuitEvents circuit, Func<Task> onReconnected)
    {
        (_circuit, _onReconnected) = (circuit, onReconnected);
        circuit.Reconnected += Reconnected;
        return this;
    }

    private void Reconnected() => Run(() => _onReconnected!());

    private void Run(Func<Task> work)
    {
        if (_disposed)
        {
            return;
        }

        _ = _invokeAsync(async () =>
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                await work();
            }
            catch (Exception ex) when (!_disposed)
            {
                await _dispatchExceptionAsync(ex);
            }
            catch (OperationCanceledException)
            {
                // The component went away while the handler ran.
            }
        });
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription.Dispose();
        if (_circuit is not null)
        {
            _circuit.Reconnected -= Reconnected;
        }
    }
}
