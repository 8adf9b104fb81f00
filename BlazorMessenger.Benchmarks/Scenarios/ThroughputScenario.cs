using System.Diagnostics;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Durable throughput through the real send path (ChatService → group-commit writer → SQLite with synchronous=FULL →
/// hub): messages committed and delivered to a subscriber of each member, per second, with many concurrent senders.
/// </summary>
public static class ThroughputScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log)
    {
        await using var services = await BenchServices.CreateAsync("throughput");
        var generator = new DataGenerator(services.Provider);
        var people = await generator.CreateUsersAsync("tp", options.ThroughputSenders * 2);
        var conversations = await generator.ConnectAsync(people.Chunk(2).Select(p => (p[0], p[1])));
        var hub = services.Get<IMessengerHub>();
        long delivered = 0;
        var subscriptions = people.Select(p => hub.Subscribe(p.Id, e =>
        {
            if (e is MessagePosted)
            {
                Interlocked.Increment(ref delivered);
            }
        })).ToList();
        var chat = services.Get<ChatService>();
        var writer = services.Get<MessageWriter>();
        report.Add("throughput", "SQLite synchronous (2 = FULL)", await SynchronousAsync(services), "");

        // One sender waiting for each message: one commit per message, the figure group commit is measured against.
        var single = conversations[0];
        var singleCount = options.Smoke ? 20 : 500;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < singleCount; i++)
        {
            Check(await chat.SendAsync(single.A.Id, single.Id, Guid.NewGuid(), $"one at a time {i}"));
        }

        report.Add("throughput", "one sender, one commit per message", singleCount / watch.Elapsed.TotalSeconds, "msg/s");

        var total = options.ThroughputSenders * options.ThroughputMessagesPerSender;
        var (commitsBefore, deliveredBefore) = (writer.Commits, Interlocked.Read(ref delivered));
        watch.Restart();
        await Task.WhenAll(conversations.Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < options.ThroughputMessagesPerSender; i++)
            {
                var from = i % 2 == 0 ? c.A : c.B;
                Check(await chat.SendAsync(from.Id, c.Id, Guid.NewGuid(), $"message {i} from {from.UserName}"));
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var deliveries = Interlocked.Read(ref delivered) - deliveredBefore;
        var commits = writer.Commits - commitsBefore;
        log.WriteLine($"   {total} messages, {deliveries} deliveries, {commits} commits in {seconds:0.00} s");
        if (deliveries != total * 2L)
        {
            throw new InvalidOperationException($"Expected {total * 2} deliveries, saw {deliveries}.");
        }

        report.Add("throughput", $"{options.ThroughputSenders} concurrent senders: committed and delivered", total / seconds, "msg/s", "≥ 5000");
        report.Add("throughput", "messages per commit (average batch)", (double)total / commits, "msg");
        subscriptions.ForEach(s => s.Dispose());
    }

    private static void Check(Features.Shared.ServiceResult<ChatMessage> result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    private static async Task<double> SynchronousAsync(BenchServices services)
    {
        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();
    }
}
