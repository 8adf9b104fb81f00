using BlazorMessenger.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorMessenger.Realtime;

/// <summary>
/// This instance's one Redis connection when Messenger:Redis is set (Enabled), its id among the instances, and the names
/// of keys and channels under the configured prefix. It connects on first use and reconnects (and re-subscribes) by
/// itself. abortConnect=false lets an instance start while Redis is down; commands fail at once instead of queueing
/// meanwhile, because Redis carries speed, not truth: whoever uses it logs the failure and carries on.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly IOptions<MessengerOptions> _options;
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<MessengerOptions> options, ILogger<RedisConnection> logger)
    {
        _options = options;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var multiplexer = ConnectionMultiplexer.Connect(Configure(options.Value.Redis!));
            multiplexer.ConnectionFailed += (_, e) =>
                logger.LogWarning(e.Exception, "Redis connection {Type} to {EndPoint} failed ({Failure}).", e.ConnectionType, e.EndPoint, e.FailureType);
            multiplexer.ConnectionRestored += (_, e) =>
                logger.LogInformation("Redis connection {Type} to {EndPoint} restored.", e.ConnectionType, e.EndPoint);
            return multiplexer;
        });
    }

    public bool Enabled => !string.IsNullOrWhiteSpace(_options.Value.Redis);

    /// <summary>Tells this instance's messages and heartbeats from the others'; new on every start.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>A key's or channel's full name: the configured prefix, then the name.</summary>
    public string Name(string name) => _options.Value.RedisPrefix + name;

    public RedisKey Key(string name) => Name(name);

    public RedisChannel Channel(string name) => RedisChannel.Literal(Name(name));

    /// <summary>Null when the setting is a connection string StackExchange.Redis can use (or empty), else why not.</summary>
    public static string? Problem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        try
        {
            return Configure(connectionString).EndPoints.Count == 0 ? "it names no server" : null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private static ConfigurationOptions Configure(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
