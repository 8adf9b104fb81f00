using StackExchange.Redis;

namespace BlazorMessenger.Realtime;

/// <summary>
/// One channel of this instance's Redis connection, its messages read in order (one after another) as T. It subscribes
/// at once, or when Redis is back if it is down now, and calls restored after every reconnection (once per connection
/// the library restores: a listener must take it more than once). A message it cannot read (from an instance of
/// another version) is logged and skipped. Dispose unsubscribes.
/// </summary>
public sealed class RedisChannelListener<T> : IDisposable
{
    private readonly RedisConnection _redis;
    private readonly RedisChannel _channel;
    private readonly Action<T> _receive;
    private readonly Action _restored;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ChannelMessageQueue? _queue;
    private bool _disposed;

    public RedisChannelListener(RedisConnection redis, string name, Action<T> receive, Action restored, ILogger logger)
    {
        (_redis, _channel, _receive, _restored, _logger) = (redis, redis.Channel(name), receive, restored, logger);
        redis.Multiplexer.ConnectionRestored += OnConnectionRestored;
        TrySubscribe();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        TrySubscribe();
        _restored();
    }

    private void TrySubscribe()
    {
        lock (_gate)
        {
            if (_queue is not null || _disposed)
            {
                return;
            }

            var subscriber = _redis.Multiplexer.GetSubscriber();
            try
            {
                _queue = subscriber.Subscribe(_channel);
                _queue.OnMessage(Receive);
            }
            catch (RedisException ex)
            {
                // The library registers the queue before it asks Redis, and would keep (and fill) it after a failed ask.
                subscriber.Unsubscribe(_channel, flags: CommandFlags.FireAndForget);
                _logger.LogWarning(ex, "Could not subscribe to {Channel} yet; trying again when Redis is back.", _channel);
            }
        }
    }

    private void Receive(ChannelMessage message)
    {
        T received;
        try
        {
            received = MessengerEventJson.Deserialize<T>((byte[])message.Message!);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Ignored a message on {Channel} this instance cannot read.", _channel);
            return;
        }

        _receive(received);
    }

    public void Dispose()
    {
        _redis.Multiplexer.ConnectionRestored -= OnConnectionRestored;
        lock (_gate)
        {
            _disposed = true;
            try
            {
                _queue?.Unsubscribe();
            }
            catch (RedisException ex)
            {
                _logger.LogDebug(ex, "Could not unsubscribe from {Channel} while Redis is down; the connection closes anyway.", _channel);
            }

            _queue = null;
        }
    }
}
