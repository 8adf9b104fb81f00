using StackExchange.Redis;

namespace BlazorMessenger.Realtime;

/// <summary>
/// The hub of one instance among several. It delivers here first (no added wait for people on this server), then
/// publishes to the others through one Redis channel, each of which delivers to its own subscriptions and ignores its
/// own echo. Redis carries speed, not truth: a publish that fails (Redis down, a timeout) is logged and dropped, never
/// thrown at the caller, and when the connection comes back (or publishing works again) every instance is told to have
/// its open views catch up from the database after their last Seq, as after their own reconnect (CatchUpNeeded).
/// </summary>
public sealed class RedisMessengerHub : IMessengerHub, IDisposable
{
    private static readonly TimeSpan ResumeRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CatchUpGather = TimeSpan.FromMilliseconds(250);

    private readonly InProcessMessengerHub _local;
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisMessengerHub> _logger;
    private readonly RedisChannel _channel;
    private readonly RedisChannelListener<HubEnvelope> _listener;
    private readonly CancellationTokenSource _stopping = new();
    private int _publishFailing;
    private int _resuming;
    private int _catchUpDue;

    public RedisMessengerHub(InProcessMessengerHub local, RedisConnection redis, TimeProvider time, ILogger<RedisMessengerHub> logger)
    {
        (_local, _redis, _time, _logger) = (local, redis, time, logger);
        _channel = redis.Channel("hub");
        _listener = new RedisChannelListener<HubEnvelope>(redis, "hub", Receive, Resume, logger);
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
            if (Interlocked.Exchange(ref _publishFailing, 0) == 1)
            {
                // Publishing failed without the connection dropping (a timeout): the others missed what failed.
                Resume();
            }
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

    private void Receive(HubEnvelope envelope)
    {
        if (envelope.Event is null)
        {
            if (envelope.Origin == _redis.InstanceId)
            {
                Interlocked.Exchange(ref _resuming, 0);
            }

            TellViewsToCatchUp();
        }
        else if (envelope.Origin != _redis.InstanceId)
        {
            _local.Publish(envelope.UserIds, envelope.Event);
        }
    }

    private void Resume()
    {
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

    /// <summary>
    /// Every instance asks (each until its own request comes back): the requests of a quarter second make one catch-up
    /// of this instance's views, not one each.
    /// </summary>
    private void TellViewsToCatchUp()
    {
        if (Interlocked.Exchange(ref _catchUpDue, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(CatchUpGather, _time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Exchange(ref _catchUpDue, 0);
            _local.PublishToEveryone(new CatchUpNeeded());
        });
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
    }

    /// <summary>What crosses between instances: the event for these users, or (no event) "catch up, events were missed".</summary>
    internal sealed record HubEnvelope(string Origin, IReadOnlyList<string> UserIds, MessengerEvent? Event);
}
