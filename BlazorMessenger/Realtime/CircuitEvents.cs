namespace BlazorMessenger.Realtime;

/// <summary>Scoped to one circuit: lets its components catch up from the database after a reconnect.</summary>
public sealed class CircuitEvents
{
    public event Action? Reconnected;

    public void RaiseReconnected() => Reconnected?.Invoke();
}
