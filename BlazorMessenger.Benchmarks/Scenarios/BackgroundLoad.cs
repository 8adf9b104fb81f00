using System.Diagnostics;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Simulated users: each is "connected" (a presence connection and a hub subscription, as a circuit has) and pairs of
/// them send messages through the real ChatService at a steady rate.
/// </summary>
public sealed class BackgroundLoad : IAsyncDisposable
{
    private readonly List<IDisposable> _subscriptions;
    private readonly List<GeneratedUser> _people;
    private readonly PresenceTracker _presence;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private Task _loop = Task.CompletedTask;
    private long _sent;
    private long _failed;
    private long _delivered;

    private BackgroundLoad(List<GeneratedUser> people, IServiceProvider services)
    {
        _people = people;
        _presence = services.GetRequiredService<PresenceTracker>();
        var hub = services.GetRequiredService<IMessengerHub>();
        _subscriptions = people.Select(p => hub.Subscribe(p.Id, e =>
        {
            if (e is MessagePosted)
            {
                Interlocked.Increment(ref _delivered);
            }
        })).ToList();
        people.ForEach(p => _presence.ConnectionUp(p.Id));
    }

    public sealed record Stats(long Sent, long Failed, long Delivered, double Seconds);

    public static async Task<BackgroundLoad> StartAsync(IServiceProvider services, int users, int perSecond)
    {
        var generator = new DataGenerator(services);
        var people = await generator.CreateUsersAsync($"bg{Guid.NewGuid().ToString("N")[..6]}-", users);
        var conversations = await generator.ConnectAsync(people.Chunk(2).Select(p => (p[0], p[1])));
        var load = new BackgroundLoad(people, services);
        load._loop = Task.Run(() => load.SendAsync(services.GetRequiredService<ChatService>(), conversations, perSecond));
        return load;
    }

    private async Task SendAsync(ChatService chat, List<GeneratedConversation> conversations, int perSecond)
    {
        var random = new Random(5);
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        long issued = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond);
                for (; issued < due; issued++)
                {
                    var c = conversations[random.Next(conversations.Count)];
                    var from = random.Next(2) == 0 ? c.A : c.B;
                    _ = SendOneAsync(chat, c.Id, from.Id, issued);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task SendOneAsync(ChatService chat, long conversationId, string from, long n)
    {
        try
        {
            var result = await chat.SendAsync(from, conversationId, Guid.NewGuid(), $"background message {n}");
            Interlocked.Increment(ref result.Succeeded ? ref _sent : ref _failed);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public Stats Stop()
    {
        _stop.Cancel();
        return new Stats(Interlocked.Read(ref _sent), Interlocked.Read(ref _failed), Interlocked.Read(ref _delivered),
            _watch.Elapsed.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _subscriptions.ForEach(s => s.Dispose());
        _people.ForEach(p => _presence.ConnectionDown(p.Id));
        _stop.Dispose();
    }
}
