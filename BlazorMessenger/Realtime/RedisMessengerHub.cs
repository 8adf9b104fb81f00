using StackExchange.Redis;

namespace BlazorMessenger.Realtime;

/// <summary>
/// The hub of one instance among several. It delivers here first (no added wait for people on this server), then
/// publishes to the others through one Redis channel, each of which delivers to its own subscriptions and ignores its
/// own echo. Redis carries speed, not truth: a publish that fails (Redis down) is logged and dropped, never thrown at the
/// caller, and when the connection comes back every instance is told to have its open views catch up from the database
/// after their last Seq, as after their own reconnect (CatchUpNeeded).
/// </summary>
public sealed class RedisMessengerHub : IMessengerHub, IDisposable
{
    private static readonly TimeSpan ResumeRetry = TimeSpan.FromSeconds(1);

    private readonly InProcessMessengerHub _local;
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisMessengerHub> _logger;
    private readonly RedisChannel _channel;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private ChannelMessageQueue? _queue;
    private int _publishFailing;
    private int _resuming;

    public RedisMessengerHub(InProcessMessengerHub local, RedisConnection redis, TimeProvider time, ILogger<RedisMessengerHub> logger)
    {
        (_local, _redis, _time, _logger) = (local, redis, time, logger);
        _channel = redis.Channel("hub");
        redis.Multiplexer.ConnectionRestored += OnConnectionRestored;
        TrySubscribe();
    }

    public IDisposable Subscribe(string userId, Action<MessengerEvent> handler) => _local.Subscribe(userId, handler);

    public void Publish(IEnumerable<string> userIds, MessengerEvent messengerEvent)
    {
        var addressed = userIds.Distinct(StringComparer.Ordinal).ToList();
        _local.Publish(addressed, messengerEvent);
        _ = ForwardAsync(new HubEnvelope(_redis.InstanceId, addressed, messengerEvent));
    }

    /// <summary>Stays here: the only events for everyone are news about this server itself.</summary>
    public void PublishToEveryone(MessengerEvent messengerEvent) => _local.PublishToEveryone(messengerEvent);

    private async Task ForwardAsync(HubEnvelope envelope)
    {
        try
        {
            await _redis.Multiplexer.GetSubscriber().PublishAsync(_channel, MessengerEventJson.Serialize(envelope));
            Interlocked.Exchange(ref _publishFailing, 0);
        }
        catch (Exception ex)
        {
            // Once per outage: a down Redis fails every publish.
            if (Interlocked.Exchange(ref _publishFailing, 1) == 0)
            {
                _logger.LogWarning(ex, "Could not publish {Event} to the other instances; they catch up when Redis is back.",
                    envelope.Event?.GetType().Name ?? "a catch-up request");
            }
        }
    }

    private void TrySubscribe()
    {
        lock (_gate)
        {
            if (_queue is not null || _stopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                _queue = _redis.Multiplexer.GetSubscriber().Subscribe(_channel);
                _queue.OnMessage(Receive);
            }
            catch (RedisException ex)
            {
                _logger.LogWarning(ex, "Could not subscribe to the other instances' events yet; trying again when Redis is back.");
            }
        }
    }

    private void Receive(ChannelMessage message)
    {
        HubEnvelope envelope;
        try
        {
            envelope = MessengerEventJson.Deserialize<HubEnvelope>((byte[])message.Message!);
        }
        catch (Exception ex)
        {
            // An instance of another version may send an event this one does not know.
            _logger.LogWarning(ex, "Ignored a hub message this instance cannot read.");
            return;
        }

        if (envelope.Event is null)
        {
            if (envelope.Origin == _redis.InstanceId)
            {
                Interlocked.Exchange(ref _resuming, 0);
            }

            _local.PublishToEveryone(new CatchUpNeeded());
        }
        else if (envelope.Origin != _redis.InstanceId)
        {
            _local.Publish(envelope.UserIds, envelope.Event);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        TrySubscribe();
        if (Interlocked.Exchange(ref _resuming, 1) == 0)
        {
            _ = AskEveryoneToCatchUpAsync();
        }
    }

    /// <summary>
    /// Both ways may have lost events: ours that failed to publish, and theirs while our subscription was down. The
    /// library renews the subscription on the new connection a little after telling us, so the request is repeated until
    /// our own copy comes back: a view here that catches up after that misses nothing, and the others catch up on it too.
    /// </summary>
    private async Task AskEveryoneToCatchUpAsync()
    {
        try
        {
            while (Volatile.Read(ref _resuming) == 1)
            {
                await ForwardAsync(new HubEnvelope(_redis.InstanceId, [], null));
                await Task.Delay(ResumeRetry, _time, _stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _redis.Multiplexer.ConnectionRestored -= OnConnectionRestored;
        lock (_gate)
        {
            try
            {
                _queue?.Unsubscribe();
            }
            catch (RedisException ex)
            {
                _logger.LogDebug(ex, "Could not unsubscribe while Redis is down; the connection closes anyway.");
            }

            _queue = null;
        }
    }

    /// <summary>What crosses between instances: the event for these users, or (no event) "catch up, events were missed".</summary>
    internal sealed record HubEnvelope(string Origin, IReadOnlyList<string> UserIds, MessengerEvent? Event);
}
