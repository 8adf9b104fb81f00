using System.Collections.Concurrent;
using System.Diagnostics;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Groups. Fan-out: a message in a GroupMembers-member group, from the send call to every member's hub subscription
/// (one per member, as each member's open tab has), while the background load runs. Opening: a GroupOpenMembers-member
/// group with HistoryMessages messages, on the server (group + newest page) and in the browser (click to newest message).
/// </summary>
public static class GroupScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        await FanOutAsync(options, report, log, app);
        await OpenAsync(options, report, log, app, browsers);
    }

    private static async Task FanOutAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app)
    {
        var people = await new DataGenerator(app.Services).CreateUsersAsync("fan", options.GroupMembers);
        var groups = app.Services.GetRequiredService<GroupService>();
        var chat = app.Services.GetRequiredService<ChatService>();
        var groupId = Check(await groups.CreateAsync(people[0].Id, "Fan-out", people.Skip(1).Select(p => p.UserName)));
        var arrivals = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        var hub = app.Services.GetRequiredService<IMessengerHub>();
        var subscriptions = people.Select(p => hub.Subscribe(p.Id, e =>
        {
            if (e is MessagePosted { Message: var m } && m.ConversationId == groupId)
            {
                arrivals.GetOrAdd(m.Body, _ => []).Add(Stopwatch.GetTimestamp());
            }
        })).ToList();

        var sent = new Dictionary<string, long>();
        var random = new Random(11);
        await using (var load = await BackgroundLoad.StartAsync(app.Services, options.BackgroundUsers, options.BackgroundMessagesPerSecond))
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 0.5 : 2));
            for (var i = 0; i < options.GroupMessages; i++)
            {
                var body = $"fan-out {i}";
                sent[body] = Stopwatch.GetTimestamp();
                Check(await chat.SendAsync(people[random.Next(people.Count)].Id, groupId, Guid.NewGuid(), body));
                await Task.Delay(25);
            }

            var deadline = Stopwatch.StartNew();
            while (sent.Keys.Any(b => arrivals.GetValueOrDefault(b)?.Count < people.Count) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }

            var stats = load.Stop();
            log.WriteLine($"   background: {stats.Sent / stats.Seconds:0} msg/s stored, {stats.Failed} refused or failed");
        }

        subscriptions.ForEach(s => s.Dispose());
        var missing = sent.Keys.Count(b => arrivals.GetValueOrDefault(b)?.Count != people.Count);
        if (missing > 0)
        {
            throw new InvalidOperationException($"{missing} of {sent.Count} group messages did not reach all {people.Count} members.");
        }

        var toAll = sent.Select(s => Stopwatch.GetElapsedTime(s.Value, arrivals[s.Key].Max()).TotalMilliseconds).ToList();
        var each = sent.SelectMany(s => arrivals[s.Key].Select(t => Stopwatch.GetElapsedTime(s.Value, t).TotalMilliseconds)).ToList();
        report.AddPercentiles("groups", $"{people.Count}-member group under background load: send to the last member's subscription",
            toAll, "ms", null, null, "≤ 100");
        report.AddPercentiles("groups", $"{people.Count}-member group: send to each member's subscription", each, "ms");
    }

    private static async Task OpenAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var generator = new DataGenerator(app.Services);
        var people = await generator.CreateUsersAsync("gopen", options.GroupOpenMembers);
        var reader = people[0];
        var groups = app.Services.GetRequiredService<GroupService>();
        var chat = app.Services.GetRequiredService<ChatService>();
        var bigId = Check(await groups.CreateAsync(reader.Id, "Big group", people.Skip(1).Select(p => p.UserName)));
        var smallId = Check(await groups.CreateAsync(reader.Id, "Small group", [people[1].UserName]));
        var text = new TextMaker(3);
        await generator.AddMessagesAsync([new GeneratedConversation(bigId, people[1], people[2])], options.HistoryMessages, _ => text.Next());
        await generator.AddMessagesAsync([new GeneratedConversation(smallId, reader, people[1])], 30, _ => text.Next());

        var server = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var group = await groups.OpenAsync(reader.Id, bigId);
            await chat.GetPageAsync(reader.Id, group!.Id, null);
            server.Add(BenchmarkRunner.Ms(started));
        }

        report.AddPercentiles("groups", $"server: open a {people.Count}-member group + newest page of {options.HistoryMessages:N0}",
            server.Skip(10).ToList(), "ms");

        await using var context = await browsers.LogInAsync(app.BaseUrl, reader.UserName);
        var page = await Browsers.OpenAsync(context, $"/group/{smallId}");
        var (bigLink, smallLink) = ($"a[data-group=\"{bigId}\"]", $"a[data-group=\"{smallId}\"]");
        var (bigLast, smallLast) = (options.HistoryMessages + 1, 30 + 1);
        var opens = new List<double>();
        for (var i = 0; i < options.HistoryOpens + 3; i++)
        {
            var ms = await page.EvaluateAsync<double>(HistoryScenario.ClickAndWait, new object[] { bigLink, bigLast });
            if (i >= 3)
            {
                opens.Add(ms);
            }

            await page.EvaluateAsync<double>(HistoryScenario.ClickAndWait, new object[] { smallLink, smallLast });
        }

        report.AddPercentiles("groups", $"browser: click to newest message of the {people.Count}-member group rendered", opens, "ms",
            null, null, "≤ 250");
        log.WriteLine($"   {opens.Count} opens of the big group");
        await page.CloseAsync();
    }

    private static long Check(Features.Shared.ServiceResult<long> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException(result.Error);

    private static void Check(Features.Shared.ServiceResult<ChatMessage> result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }
    }
}
