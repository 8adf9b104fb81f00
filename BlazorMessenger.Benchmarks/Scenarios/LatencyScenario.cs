using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Send-to-render latency between two real Chromium sessions: from the sender's Enter key (a capturing keydown
/// listener) to a MutationObserver seeing the message in the recipient's log; both read performance.timeOrigin +
/// performance.now(), one clock for every page of one browser. First on an idle server, then under background load.
/// </summary>
public static class LatencyScenario
{
    private const string SenderProbe = """
        () => {
            window.__sent = {};
            document.addEventListener('keydown', e => {
                if (e.key !== 'Enter' || e.shiftKey || !e.target.matches('textarea.bm-composer-input')) return;
                const m = /^bench-(\S+)$/.exec(e.target.value.trim());
                if (m) window.__sent[m[1]] = performance.timeOrigin + performance.now();
            }, true);
        }
        """;

    private const string ReceiverProbe = """
        () => {
            window.__recv = {};
            const log = document.querySelector('[role=log]');
            const look = node => {
                if (node.nodeType !== 1) return;
                const bodies = node.matches('.bm-body') ? [node] : node.querySelectorAll('.bm-body');
                for (const b of bodies) {
                    const m = /^bench-(\S+)$/.exec(b.textContent.trim());
                    if (m && !(m[1] in window.__recv)) window.__recv[m[1]] = performance.timeOrigin + performance.now();
                }
            };
            new MutationObserver(records => {
                for (const r of records) r.addedNodes.forEach(look);
            }).observe(log, { childList: true, subtree: true });
        }
        """;

    private static Func<Task<string>>? DebugDb;

    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var generator = new DataGenerator(app.Services);
        var people = await generator.CreateUsersAsync("lat", 2);
        await generator.ConnectAsync([(people[0], people[1])]);
        await using var senderContext = await browsers.LogInAsync(app.BaseUrl, people[0].UserName);
        await using var receiverContext = await browsers.LogInAsync(app.BaseUrl, people[1].UserName);
        var sender = await Browsers.OpenAsync(senderContext, $"/chat/{people[1].UserName}");
        var receiver = await Browsers.OpenAsync(receiverContext, $"/chat/{people[0].UserName}");
        await sender.EvaluateAsync(SenderProbe);
        await receiver.EvaluateAsync(ReceiverProbe);

        DebugDb = async () =>
        {
            var chat = app.Services.GetRequiredService<BlazorMessenger.Features.Chat.ChatService>();
            var open = await chat.OpenDirectAsync(people[0].Id, people[1].UserName);
            var page = await chat.GetPageAsync(people[0].Id, open!.Id, null);
            return $"db LastSeq {open.LastSeq}, last rows: {string.Join(", ", page.TakeLast(3).Select(m => $"{m.Seq}:{m.Body}"))}";
        };
        await MeasureAsync(sender, receiver, "warm", 10);
        var idle = await MeasureAsync(sender, receiver, "idle", options.LatencyMessages);
        report.AddPercentiles("latency", $"send-to-render, idle server", idle, "ms", "≤ 15", null, "≤ 50");

        await using (var load = await BackgroundLoad.StartAsync(app.Services, options.BackgroundUsers, options.BackgroundMessagesPerSecond))
        {
            await Task.Delay(1000);
            var loaded = await MeasureAsync(sender, receiver, "load", options.LatencyMessages);
            var stats = load.Stop();
            log.WriteLine($"   background: {stats.Sent} sent, {stats.Failed} failed, {stats.Delivered} delivered in {stats.Seconds:0.0} s");
            report.AddPercentiles("latency", $"send-to-render, {options.BackgroundUsers} hub users sending {options.BackgroundMessagesPerSecond}/s",
                loaded, "ms", null, null, "≤ 100");
            report.Add("latency", "background load actually sent", stats.Sent / stats.Seconds, "msg/s");
            report.Add("latency", "background deliveries to hub subscribers", stats.Delivered / stats.Seconds, "events/s");
        }
    }

    private static async Task<List<double>> MeasureAsync(IPage sender, IPage receiver, string tag, int count)
    {
        var box = sender.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"{tag}-{i}";
            await box.FillAsync($"bench-{key}");
            await box.PressAsync("Enter");
            try
            {
                await receiver.WaitForFunctionAsync("k => k in window.__recv", key, new() { Timeout = 15_000 });
            }
            catch (TimeoutException)
            {
                var feedback = await sender.Locator("#composer-feedback").InnerTextAsync();
                var value = await box.InputValueAsync();
                var last = await receiver.Locator("[role=log] .bm-body").Last.InnerTextAsync();
                var senderLast = await sender.Locator("[role=log] .bm-body").Last.InnerTextAsync();
                throw new TimeoutException($"{await DebugDb!()} {key} never arrived. Sender says '{feedback}', box holds '{value}', sender's log ends with '{senderLast}', receiver's with '{last}'.");
            }
            var sent = await sender.EvaluateAsync<double>("k => window.__sent[k]", key);
            var seen = await receiver.EvaluateAsync<double>("k => window.__recv[k]", key);
            samples.Add(seen - sent);
        }

        return samples;
    }
}
