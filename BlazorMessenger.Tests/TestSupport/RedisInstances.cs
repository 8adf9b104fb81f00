using BlazorMessenger.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// Two app instances, as behind a sticky proxy: their own services and Redis connections over one data directory (the
/// first prepares it) and one Redis prefix.
/// </summary>
public sealed class RedisInstances : IAsyncDisposable
{
    private RedisInstances(TestServices a, TestServices b, string prefix) => (A, B, Prefix) = (a, b, prefix);

    public TestServices A { get; }

    public TestServices B { get; }

    public string Prefix { get; }

    public static async Task<RedisInstances> CreateAsync(
        IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? timeOfA = null, TimeProvider? timeOfB = null,
        string? redisAddress = null)
    {
        var prefix = RedisEngine.NewPrefix();
        var values = RedisEngine.Settings(prefix, redisAddress, settings);
        var a = await TestServices.CreateAsync(settings: values, time: timeOfA);
        var b = await TestServices.CreateAsync(settings: values, time: timeOfB, prepare: false, dataDirectory: a.DataDirectory);
        return new RedisInstances(a, b, prefix);
    }

    /// <summary>Whether Redis has the person among those online on the instance (its presence set).</summary>
    public Task<bool> HoldsAsync(TestServices instance, string userId) =>
        A.Get<RedisConnection>().Multiplexer.GetDatabase().SetContainsAsync(
            $"{Prefix}presence:instance:{instance.Get<RedisConnection>().InstanceId}", userId);

    /// <summary>How many connections listen on a channel of these instances (PUBSUB NUMSUB).</summary>
    public async Task<long> ListenersAsync(string channel)
    {
        var redis = A.Get<RedisConnection>().Multiplexer;
        var reply = await redis.GetServers()[0].ExecuteAsync("PUBSUB", "NUMSUB", Prefix + channel);
        return (long)((StackExchange.Redis.RedisResult[])reply!)[1];
    }

    public async ValueTask DisposeAsync()
    {
        // B shares A's directory: it goes first, and A removes the directory.
        await B.Provider.DisposeAsync();
        await A.DisposeAsync();
    }
}
