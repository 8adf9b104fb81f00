namespace BlazorMessenger.Realtime;

/// <summary>The single-server hub: a locked map of subscriptions per user.</summary>
public sealed class InProcessMessengerHub(ILogger<InProcessMessengerHub> logger) : IMessengerHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Subscription>> _subscriptions = new(StringComparer.Ordinal);

    public IDisposable Subscribe(string userId, Action<MessengerEvent> handler)
    {
        var subscription = new Subscription(this, userId, handler);
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(userId, out var list))
            {
                list = [];
                _subscriptions[userId] = list;
            }

            list.Add(subscription);
        }

        return subscription;
    }

    public void Publish(IEnumerable<string> userIds, MessengerEvent messengerEvent)
    {
        var targets = new List<Subscription>();
        lock (_gate)
        {
            foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
            {
                if (_subscriptions.TryGetValue(userId, out var list))
                {
                    targets.AddRange(list);
                }
            }
        }

        Deliver(targets, messengerEvent);
    }

    public void PublishToEveryone(MessengerEvent messengerEvent)
    {
        List<Subscription> targets;
        lock (_gate)
        {
            targets = _subscriptions.Values.SelectMany(list => list).ToList();
        }

        Deliver(targets, messengerEvent);
    }

    private void Deliver(List<Subscription> targets, MessengerEvent messengerEvent)
    {
        foreach (var target in targets)
        {
            try
            {
                target.Handler(messengerEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber of {UserId} failed to take {Event}.", target.UserId, messengerEvent.GetType().Name);
            }
        }
    }

    public int SubscriptionCount(string userId)
    {
        lock (_gate)
        {
            return _subscriptions.TryGetValue(userId, out var list) ? list.Count : 0;
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.UserId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscriptions.Remove(subscription.UserId);
            }
        }
    }

    private sealed class Subscription(InProcessMessengerHub hub, string userId, Action<MessengerEvent> handler) : IDisposable
    {
        private int _disposed;

        public string UserId { get; } = userId;

        public Action<MessengerEvent> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(this);
            }
        }
    }
}
