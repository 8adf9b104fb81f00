using System.Collections.Concurrent;

namespace BlazorMessenger.Realtime;

/// <summary>
/// The one way a component listens to the hub: each event (and each reconnect, when asked for) runs on the component's
/// renderer through its InvokeAsync, and a handler that throws goes to the component's DispatchExceptionAsync (its error
/// boundary) instead of vanishing. Start it on the first interactive render, before reading what it keeps live, and
/// dispose it with the component.
/// Events are handed over here and applied on the thread pool, one at a time and in order: InvokeAsync runs the work
/// inline when the renderer is free, and the publisher (the message writer, presence) must never render someone's page.
/// </summary>
public sealed class HubListener : IDisposable
{
    private readonly Func<Func<Task>, Task> _invokeAsync;
    private readonly Func<Exception, Task> _dispatchExceptionAsync;
    private readonly Func<MessengerEvent, Task> _onEvent;
    private readonly IDisposable _subscription;
    private readonly ConcurrentQueue<Func<Task>> _inbox = new();
    private readonly ConcurrentDictionary<TaskCompletionSource, byte> _catchingUp = new();
    private int _draining;
    private CircuitEvents? _circuit;
    private Func<Task>? _onReconnected;
    private bool _disposed;

    private HubListener(
        IMessengerHub hub, string userId, Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync,
        Func<MessengerEvent, Task> onEvent)
    {
        (_invokeAsync, _dispatchExceptionAsync, _onEvent) = (invokeAsync, dispatchExceptionAsync, onEvent);
        _subscription = hub.Subscribe(userId, Take);
    }

    /// <summary>Subscribes; pass the component's own InvokeAsync and DispatchExceptionAsync.</summary>
    public static HubListener Start(
        IMessengerHub hub, string userId, Func<Func<Task>, Task> invokeAsync, Func<Exception, Task> dispatchExceptionAsync,
        Func<MessengerEvent, Task> onEvent) => new(hub, userId, invokeAsync, dispatchExceptionAsync, onEvent);

    /// <summary>
    /// Also runs onReconnected after the circuit's connection comes back, and when events of other servers may have
    /// been missed (CatchUpNeeded): to catch up from the database.
    /// </summary>
    public HubListener OnReconnected(CircuitEvents circuit, Func<Task> onReconnected)
    {
        (_circuit, _onReconnected) = (circuit, onReconnected);
        circuit.Reconnected += Reconnected;
        return this;
    }

    /// <summary>Completes when the catch-up has run (or the component went away first).</summary>
    private Task Reconnected()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _catchingUp.TryAdd(done, 0);
        Run(async () =>
        {
            try
            {
                await _onReconnected!();
            }
            finally
            {
                done.TrySetResult();
                _catchingUp.TryRemove(done, out _);
            }
        });
        if (_disposed)
        {
            done.TrySetResult();
        }

        return done.Task;
    }

    /// <summary>Events of other servers may have been missed: the same catch-up as after the circuit's own reconnect.</summary>
    private void Take(MessengerEvent messengerEvent)
    {
        if (messengerEvent is not CatchUpNeeded)
        {
            Run(() => _onEvent(messengerEvent));
        }
        else if (_onReconnected is not null)
        {
            _ = Reconnected();
        }
    }

    private void Run(Func<Task> work)
    {
        if (_disposed)
        {
            return;
        }

        _inbox.Enqueue(work);
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static listener => listener.Drain(), this, preferLocal: false);
        }
    }

    private void Drain()
    {
        do
        {
            while (_inbox.TryDequeue(out var work))
            {
                Apply(work);
            }

            Volatile.Write(ref _draining, 0);
        }
        while (!_inbox.IsEmpty && Interlocked.Exchange(ref _draining, 1) == 0);
    }

    /// <summary>Queues the work on the renderer (in the order events came) and reports its failure to the component.</summary>
    private void Apply(Func<Task> work)
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

        foreach (var done in _catchingUp.Keys)
        {
            done.TrySetResult();
        }
    }
}
