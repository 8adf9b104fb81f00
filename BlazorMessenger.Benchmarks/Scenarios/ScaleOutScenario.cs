using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Realtime;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Two instances on PostgreSQL and Redis behind nginx (<see cref="Cluster"/>): durable throughput with senders spread
/// over two instances' writers on one database (PostgreSQL with fsync on), send-to-render between browsers on
/// different instances, and how long after a kill -9 of an instance its people's pages work again.
/// </summary>
public static partial class ScaleOutScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, Browsers browsers)
    {
        await using var cluster = await Cluster.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Messenger:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Messenger"] = cluster.PostgresConnectionString,
            ["Messenger:Redis"] = cluster.Redis,
            // Apart from the cluster's own instances, which would otherwise receive (and skip) every one of these events.
            ["Messenger:RedisPrefix"] = "bench:",
        };
        await using var first = await BenchServices.CreateAsync("scale-a", settings: settings);
        await using var second = await BenchServices.CreateAsync("scale-b", settings: settings);
        await ThroughputAsync(options, report, log, first, second);
        await LatencyAndFailoverAsync(options, report, log, browsers, cluster, first);
    }

    /// <summary>Each conversation's sender alternates its person and goes through instance (index % 2).</summary>
    private static async Task ThroughputAsync(BenchmarkOptions options, Report report, TextWriter log, BenchServices first, BenchServices second)
    {
        var instances = new[] { first, second };
        var generator = new DataGenerator(first.Provider);
        var people = await generator.CreateUsersAsync("so", options.ThroughputSenders * 2);
        var conversations = await generator.ConnectAsync(people.Chunk(2).Select(p => (p[0], p[1])));
        long delivered = 0;
        // Every person listens on one instance: half of the deliveries cross through Redis.
        var subscriptions = people.Select((p, i) => instances[i % 2].Get<IMessengerHub>().Subscribe(p.Id, e =>
        {
            if (e is MessagePosted)
            {
                Interlocked.Increment(ref delivered);
            }
        })).ToList();

        var total = options.ThroughputSenders * options.ThroughputMessagesPerSender;
        var commitsBefore = instances.Sum(s => s.Get<MessageWriter>().Commits);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(conversations.Select((c, index) => Task.Run(async () =>
        {
            var chat = instances[index % 2].Get<ChatService>();
            for (var i = 0; i < options.ThroughputMessagesPerSender; i++)
            {
                var from = i % 2 == 0 ? c.A : c.B;
                var result = await chat.SendAsync(from.Id, c.Id, Guid.NewGuid(), $"message {i} from {from.UserName}");
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Error);
                }
            }
        })));
        var stored = watch.Elapsed.TotalSeconds;
        while (Interlocked.Read(ref delivered) < total * 2L && watch.Elapsed < TimeSpan.FromSeconds(stored + 30))
        {
            await Task.Delay(10);
        }

        var deliveredAll = watch.Elapsed.TotalSeconds;
        var commits = instances.Sum(s => s.Get<MessageWriter>().Commits) - commitsBefore;
        log.WriteLine($"   {total} messages in {stored:0.00} s ({commits} commits), {Interlocked.Read(ref delivered)} deliveries in {deliveredAll:0.00} s");
        if (Interlocked.Read(ref delivered) != total * 2L)
        {
            throw new InvalidOperationException($"Expected {total * 2} deliveries across the instances, saw {Interlocked.Read(ref delivered)}.");
        }

        report.Add("scaleout", $"PostgreSQL, {options.ThroughputSenders} senders over two instances: committed", total / stored, "msg/s", "≥ 5000");
        report.Add("scaleout", "  and delivered to every member on either instance", total / deliveredAll, "msg/s");
        report.Add("scaleout", "  messages per commit (average batch)", (double)total / commits, "msg");
        subscriptions.ForEach(s => s.Dispose());
    }

    private static async Task LatencyAndFailoverAsync(
        BenchmarkOptions options, Report report, TextWriter log, Browsers browsers, Cluster cluster, BenchServices services)
    {
        var generator = new DataGenerator(services.Provider);
        var people = await generator.CreateUsersAsync("sol", 2);
        await generator.ConnectAsync([(people[0], people[1])]);
        // The sender on instance 1 directly; the recipient through nginx, sent to instance 2 by its affinity cookie.
        await using var senderContext = await browsers.LogInAsync(cluster.InstanceUrls[0], people[0].UserName);
        await using var receiverContext = await browsers.LogInAsync(cluster.ProxyUrl, people[1].UserName,
            ("bm_affinity", await cluster.AffinityForAsync(2)));
        var sender = await Browsers.OpenChatAsync(senderContext, people[1].UserName);
        var receiver = await Browsers.OpenChatAsync(receiverContext, people[0].UserName);
        // The hub's channel, heard from here: when the sender's instance published each message (after its commit).
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis);
        var published = new ConcurrentDictionary<string, double>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("bm:hub"), (_, message) =>
        {
            if (BenchBody().Match(message.ToString()) is { Success: true } body)
            {
                published.TryAdd(body.Value, Clock.NowMs());
            }
        });
        var probe = await LatencyScenario.Probe.AttachAsync(sender, receiver, published);

        await probe.MeasureAsync("warm", 10);
        var samples = await probe.MeasureAsync("cross", options.LatencyMessages);
        report.AddPercentiles("scaleout", "send-to-render, sender and recipient on different instances", samples.Total, "ms", null, null, "≤ 100");
        report.Add("scaleout", "  of which key press to committed and published on Redis (p50)", Report.Percentile([.. samples.ToServer.Order()], 50), "ms");
        report.Add("scaleout", "  of which published on Redis to rendered at the recipient (p50)", Report.Percentile([.. samples.ToRender.Order()], 50), "ms");

        var box = sender.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        var killed = Stopwatch.StartNew();
        await cluster.KillAsync(2);
        await box.FillAsync("after the crash");
        await box.PressAsync("Enter");
        await WaitForTextAsync(receiver, "after the crash", TimeSpan.FromSeconds(60));
        var back = killed.Elapsed;
        log.WriteLine($"   the recipient's page showed the message sent after kill -9 of its instance after {back.TotalSeconds:0.0} s");
        report.Add("scaleout", "failover: kill -9 of an instance to its people's pages working on the other", back.TotalMilliseconds, "ms", "≤ 10000");
    }

    [GeneratedRegex("bench-[a-z]+-[0-9]+")]
    private static partial Regex BenchBody();

    /// <summary>Polls the page (which reloads on the way: evaluating may fail while it does) until it shows the text.</summary>
    private static async Task WaitForTextAsync(IPage page, string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            try
            {
                if (await page.EvaluateAsync<bool>(
                    "t => window.Blazor !== undefined && [...document.querySelectorAll('.bm-body')].some(b => b.textContent.trim() === t)", text))
                {
                    return;
                }
            }
            catch (PlaywrightException)
            {
                // The page is between documents.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The page did not show \"{text}\" within {timeout.TotalSeconds} s.");
    }
}
