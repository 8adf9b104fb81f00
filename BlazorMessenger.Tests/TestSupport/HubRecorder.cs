using System.Collections.Concurrent;
using BlazorMessenger.Realtime;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>Subscribes a user to the hub and keeps what arrives, as a circuit would.</summary>
public sealed class HubRecorder : IDisposable
{
    private readonly IDisposable _subscription;

    public HubRecorder(IMessengerHub hub, string userId) =>
        _subscription = hub.Subscribe(userId, Events.Enqueue);

    public ConcurrentQueue<MessengerEvent> Events { get; } = new();

    public IReadOnlyList<T> OfType<T>() => Events.OfType<T>().ToList();

    public void Dispose() => _subscription.Dispose();
}
