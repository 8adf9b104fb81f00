namespace BlazorMessenger.Realtime;

/// <summary>
/// Scoped to one circuit: lets its components catch up from the database after a reconnect, and lets the page know
/// when they all have (it says "Updating…" until then).
/// </summary>
public sealed class CircuitEvents
{
    private Task _caughtUp = Task.CompletedTask;

    /// <summary>Each handler returns once its component has caught up.</summary>
    public event Func<Task>? Reconnected;

    public void RaiseReconnected()
    {
        var handlers = Reconnected?.GetInvocationList().Cast<Func<Task>>() ?? [];
        _caughtUp = Task.WhenAll(handlers.Select(handler => handler()));
    }

    /// <summary>Completes once every component has caught up after the latest reconnect.</summary>
    public Task CaughtUpAsync() => _caughtUp;
}
