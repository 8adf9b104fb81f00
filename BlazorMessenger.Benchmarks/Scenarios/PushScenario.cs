using System.Collections.Concurrent;
using System.Security.Cryptography;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Web Push. Latency: a message to someone with no tab open, from the send call until a push service (a local Kestrel
/// endpoint, answering 201 as FCM does) receives its encrypted, signed request. Load: 100 groups of ten people with no
/// tab open get a message a second each (1,000 pushes a second from one instance) while two open chats measure
/// send→render.
/// </summary>
public static class PushScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        await using var service = await BenchPushService.StartAsync();
        var generator = new DataGenerator(app.Services);

        var pair = await generator.CreateUsersAsync("pushlat", 2);
        var direct = (await generator.ConnectAsync([(pair[0], pair[1])]))[0];
        var endpoint = await SubscribeAsync(app, service, pair[1].Id);
        var chat = app.Services.GetRequiredService<ChatService>();
        var samples = new List<double>();
        var count = options.Smoke ? 5 : Math.Min(options.LatencyMessages, 200);
        for (var i = -3; i < count; i++)
        {
            var before = service.Count(endpoint);
            var sent = Clock.NowMs();
            Check(await chat.SendAsync(pair[0].Id, direct.Id, Guid.NewGuid(), $"push {i}"));
            var arrived = await service.WaitAsync(endpoint, before + 1);
            if (i >= 0)
            {
                samples.Add(arrived - sent);
            }

            await Task.Delay(50);
        }

        report.AddPercentiles("push", "message sent to someone with no tab open → the push service receives the push", samples, "ms", null, null, "≤ 200");
        await LoadAsync(options, report, log, app, browsers, service);
    }

    private static async Task LoadAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers, BenchPushService service)
    {
        // 100 groups of one sender and ten people with no tab open, one message a second in each: 1,000 pushes a second
        // from 100 messages a second, so the figure is the pushes' cost rather than the writer's.
        const int perGroup = 10;
        var (groups, seconds) = options.Smoke ? (10, 2) : (100, 10);
        var generator = new DataGenerator(app.Services);
        var senders = await generator.CreateUsersAsync("pushsend", groups);
        var recipients = await generator.CreateUsersAsync("pushrecv", groups * perGroup);
        var members = Enumerable.Range(0, groups).Select(g => recipients.Skip(g * perGroup).Take(perGroup).ToList()).ToList();
        await generator.ConnectAsync(Enumerable.Range(0, groups).SelectMany(g => members[g].Select(m => (senders[g], m))));
        var groupService = app.Services.GetRequiredService<GroupService>();
        var groupIds = new List<long>();
        for (var g = 0; g < groups; g++)
        {
            groupIds.Add(Check(await groupService.CreateAsync(senders[g].Id, $"Push load {g}", [.. members[g].Select(m => m.UserName)])));
        }

        foreach (var recipient in recipients)
        {
            await SubscribeAsync(app, service, recipient.Id);
        }

        // The open chats that must stay live meanwhile.
        var watchers = await generator.CreateUsersAsync("pushlive", 2);
        await generator.ConnectAsync([(watchers[0], watchers[1])]);
        await using var senderContext = await browsers.LogInAsync(app.BaseUrl, watchers[0].UserName);
        await using var receiverContext = await browsers.LogInAsync(app.BaseUrl, watchers[1].UserName);
        var probe = await LatencyScenario.Probe.AttachAsync(
            await Browsers.OpenChatAsync(senderContext, watchers[1].UserName), await Browsers.OpenChatAsync(receiverContext, watchers[0].UserName));
        await probe.MeasureAsync("push-warm", 5);
        await SettledAsync(app);

        var chat = app.Services.GetRequiredService<ChatService>();
        var delivery = app.Services.GetRequiredService<PushDelivery>();
        var (deliveredBefore, failedBefore) = delivery.Counts;
        var receivedBefore = service.Total;
        var sends = new ConcurrentBag<Task>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var load = Task.Run(async () =>
        {
            // Open loop: each group gets one message a second, the i-th message leaving at its own moment.
            for (var i = 0; i < groups * seconds; i++)
            {
                var due = TimeSpan.FromSeconds(i / (double)groups);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                sends.Add(chat.SendAsync(senders[i % groups].Id, groupIds[i % groups], Guid.NewGuid(), $"load {i}"));
            }
        });
        var live = await probe.MeasureAsync("push-load", options.Smoke ? 5 : 40);
        await load;
        var offered = groups * perGroup * seconds / clock.Elapsed.TotalSeconds;
        await Task.WhenAll(sends);
        var expected = groups * perGroup * seconds;
        for (var wait = 0; wait < 600 && service.Total - receivedBefore < expected; wait++)
        {
            await Task.Delay(100);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var received = service.Total - receivedBefore;
        var (delivered, failed) = delivery.Counts;
        log.WriteLine($"   {groups * seconds} messages to {groups} groups of {perGroup} people with no tab open in {seconds} s: {received} pushes received " +
                      $"in {elapsed:0.0} s, {delivered - deliveredBefore} accepted, {failed - failedBefore} failed, " +
                      $"{app.Services.GetRequiredService<PushQueue>().Dropped} jobs dropped from the queue");
        report.Add("push", $"pushes a second offered ({groups * perGroup:N0} people with no tab open, open loop)", offered, "pushes/s", options.Smoke ? null : "≥ 1,000");
        report.Add("push", "pushes received by the push service", received, "pushes", $"= {expected}");
        report.Add("push", "pushes received a second (over the whole run)", received / elapsed, "pushes/s");
        report.AddPercentiles("push", "send-to-render between two open chats meanwhile", live.Total, "ms", null, null, "≤ 50");
    }

    /// <summary>A signed-in session of the person and a browser subscription for it at the bench push service.</summary>
    private static async Task<string> SubscribeAsync(BenchApp app, BenchPushService service, string userId)
    {
        var session = await app.Services.GetRequiredService<SessionService>().StartAsync(userId, "stamp", "Mozilla/5.0 Chrome/140.0", "127.0.0.1");
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        var id = Guid.NewGuid().ToString("N");
        var keys = new PushKeys($"{service.BaseUrl}push/{id}", WebEncoders.Base64UrlEncode([0x04, .. point.X!, .. point.Y!]),
            WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)));
        Check(await app.Services.GetRequiredService<PushSubscriptions>().SubscribeAsync(userId, session, keys));
        return id;
    }

    /// <summary>Waits for the pushes of what came before (the groups' "created" lines) to be out of the way.</summary>
    private static async Task SettledAsync(BenchApp app)
    {
        var (queue, sender, delivery) = (app.Services.GetRequiredService<PushQueue>(), app.Services.GetRequiredService<PushSender>(), app.Services.GetRequiredService<PushDelivery>());
        for (var wait = 0; wait < 600 && (sender.Decided < queue.Added || delivery.InFlight > 0); wait++)
        {
            await Task.Delay(100);
        }
    }

    private static T Check<T>(BlazorMessenger.Features.Shared.ServiceResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Error);

    /// <summary>A push service that takes every push (201) and notes when each endpoint's arrived, on this process's clock.</summary>
    private sealed class BenchPushService(WebApplication web) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _arrivals = new();
        private long _total;

        public string BaseUrl => web.Urls.First().TrimEnd('/') + "/";

        public long Total => Interlocked.Read(ref _total);

        public static async Task<BenchPushService> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var web = builder.Build();
            var service = new BenchPushService(web);
            web.MapPost("/push/{id}", (string id) =>
            {
                service._arrivals.GetOrAdd(id, _ => new()).Enqueue(Clock.NowMs());
                Interlocked.Increment(ref service._total);
                return Results.StatusCode(StatusCodes.Status201Created);
            });
            await web.StartAsync();
            return service;
        }

        public int Count(string id) => _arrivals.TryGetValue(id, out var times) ? times.Count : 0;

        /// <summary>When the endpoint's n-th push arrived (waiting up to 10 s for it).</summary>
        public async Task<double> WaitAsync(string id, int n)
        {
            for (var wait = 0; wait < 10_000 && Count(id) < n; wait++)
            {
                await Task.Delay(1);
            }

            return _arrivals.TryGetValue(id, out var times) && times.Count >= n ? times.ElementAt(n - 1)
                : throw new TimeoutException($"The push service got {Count(id)} pushes for {id}, not {n}.");
        }

        public async ValueTask DisposeAsync() => await web.DisposeAsync();
    }
}
