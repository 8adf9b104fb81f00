using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting;

/// <summary>
/// Scale-out over Redis (Messenger:Redis): the hub bridged over pub/sub, presence aggregated across instances and shared
/// rate limits (the Data Protection key ring is the database's: Redis carries speed, not truth). Everything is
/// registered always and chooses when first resolved, like the options (a host may add the setting late); without the
/// setting the Redis parts stay inert and never connect.
/// </summary>
public static class RedisRegistration
{
    public static IServiceCollection AddMessengerRedis(this IServiceCollection services)
    {
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<InProcessMessengerHub>();
        services.AddSingleton<RedisMessengerHub>();
        services.AddSingleton<IMessengerHub>(sp => sp.GetRequiredService<RedisConnection>().Enabled
            ? sp.GetRequiredService<RedisMessengerHub>()
            : sp.GetRequiredService<InProcessMessengerHub>());
        services.AddSingleton<RedisPresence>();
        services.AddSingleton<RedisRateLimits>();

        // Connect, subscribe and start beating when the app starts, not when the first page needs them.
        services.AddHostedService<RedisStartup>();
        return services;
    }

    private sealed class RedisStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (services.GetRequiredService<RedisConnection>().Enabled)
            {
                services.GetRequiredService<IMessengerHub>();
                services.GetRequiredService<RedisPresence>();
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
