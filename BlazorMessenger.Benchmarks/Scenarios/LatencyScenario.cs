using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BlazorMessenger.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Send-to-render latency between two real Chromium sessions: from the sender's Enter key (a capturing keydown
/// listener) to a MutationObserver seeing the message in the recipient's log. Each page's clock is mapped onto this
/// process's clock (the best of many round trips, NTP style), because separate renderer processes do not agree to
/// the millisecond; the server's publish time is read on the same clock, which splits the figure in two.
/// First on an idle server, then while simulated users load the hub.
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
            // When each of one's last messages shows its read tick.
            window.__read = {};
            const log = document.querySelector('[role=log]');
            new MutationObserver(() => {
                const mine = log.querySelectorAll('.bm-msg.bm-mine[data-seq]');
                for (let i = Math.max(0, mine.length - 5); i < mine.length; i++) {
                    const m = /^bench-(\S+)$/.exec(mine[i].querySelector('.bm-body')?.textContent.trim() ?? '');
                    if (m && !(m[1] in window.__read) && mine[i].querySelector('[data-receipt=Read]')) {
                        window.__read[m[1]] = performance.timeOrigin + performance.now();
                    }
                }
            }).observe(log, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-receipt'] });
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

    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var generator = new DataGenerator(app.Services);
        var people = await generator.CreateUsersAsync("lat", 2);
        await generator.ConnectAsync([(people[0], people[1])]);
        await using var senderContext = await browsers.LogInAsync(app.BaseUrl, people[0].UserName);
        await using var receiverContext = await browsers.LogInAsync(app.BaseUrl, people[1].UserName);
        var sender = await Browsers.OpenChatAsync(senderContext, people[1].UserName);
        var receiver = await Browsers.OpenChatAsync(receiverContext, people[0].UserName);
        var published = new ConcurrentDictionary<string, double>();
        using var tap = app.Services.GetRequiredService<IMessengerHub>().Subscribe(people[1].Id, e =>
        {
            if (e is MessagePosted posted)
            {
                published[posted.Message.Body] = Clock.NowMs();
            }
        });
        var probe = await Probe.AttachAsync(sender, receiver, published);
        using var writer = new WriterTimings(app.Services.GetRequiredService<IMeterFactory>());

        await probe.MeasureAsync("warm", Math.Min(10, options.LatencyMessages));
        writer.Take();
        var idle = await probe.MeasureAsync("idle", options.LatencyMessages);
        report.AddPercentiles("latency", "send-to-render, idle server", idle.Total, "ms", "≤ 15", null, "≤ 50");
        report.Add("latency", "  of which key press to committed and published (p50)", Median(idle.ToServer), "ms");
        report.Add("latency", "  of which published to rendered at recipient (p50)", Median(idle.ToRender), "ms");
        AddWriterRows(report, "idle", writer.Take());

        // A conversation's pace (the page reports what it has seen at most every 250 ms): the message appearing at the
        // recipient to its ✓✓ read appearing at the sender.
        var read = await probe.MeasureReadAsync("read", Math.Min(options.LatencyMessages, 100));
        report.AddPercentiles("latency", "seen at the recipient to ✓✓ read at the sender", read, "ms", null, null, "≤ 100");

        writer.Take();
        await using var load = await BackgroundLoad.StartAsync(app.Services, options.BackgroundUsers, options.BackgroundMessagesPerSecond);
        await Task.Delay(1000);
        var loaded = await probe.MeasureAsync("load", options.LatencyMessages);
        var stats = load.Stop();
        AddWriterRows(report, "under load", writer.Take());
        log.WriteLine($"   background: {stats.Sent} sent, {stats.Failed} failed, {stats.Delivered} delivered in {stats.Seconds:0.0} s");
        report.AddPercentiles("latency", $"send-to-render, {options.BackgroundUsers} hub users sending {options.BackgroundMessagesPerSecond}/s",
            loaded.Total, "ms", null, null, "≤ 100");
        report.Add("latency", "  of which key press to committed and published (p50)", Median(loaded.ToServer), "ms");
        report.Add("latency", "  of which published to rendered at recipient (p50)", Median(loaded.ToRender), "ms");
        report.Add("latency", "background load actually sent", stats.Sent / stats.Seconds, "msg/s");
        report.Add("latency", "background deliveries to hub subscribers", stats.Delivered / stats.Seconds, "events/s");
    }

    private static double Median(List<double> values) => Report.Percentile([.. values.Order()], 50);

    /// <summary>Commit, then hand-off to the circuits on the thread pool (the writer no longer renders anyone's page).</summary>
    private static void AddWriterRows(Report report, string phase, (List<double> Commits, List<double> HandOffs) timings)
    {
        report.AddPercentiles("latency", $"  writer transaction commit, {phase}", timings.Commits, "ms");
        report.AddPercentiles("latency", $"  writer commit to hand-off to the circuits, {phase}", timings.HandOffs, "ms");
    }

    public sealed record Samples(List<double> Total, List<double> ToServer, List<double> ToRender);

    /// <summary>Measures between two open chats; without a hub tap (another process's hub) only the totals.</summary>
    public sealed class Probe(IPage sender, IPage receiver, ConcurrentDictionary<string, double>? published, double senderOffset, double receiverOffset)
    {
        /// <summary>Installs the probes in both pages and maps their clocks onto this process's.</summary>
        public static async Task<Probe> AttachAsync(IPage sender, IPage receiver, ConcurrentDictionary<string, double>? published = null)
        {
            await sender.EvaluateAsync(SenderProbe);
            await receiver.EvaluateAsync(ReceiverProbe);
            return new Probe(sender, receiver, published, await Clock.OffsetAsync(sender), await Clock.OffsetAsync(receiver));
        }

        public async Task<List<double>> MeasureReadAsync(string tag, int count)
        {
            var box = sender.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
            var samples = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var key = $"{tag}-{i}";
                await box.FillAsync($"bench-{key}");
                await box.PressAsync("Enter");
                await sender.WaitForFunctionAsync("k => k in window.__read", key);
                var seen = await receiver.EvaluateAsync<double>("k => window.__recv[k]", key) - receiverOffset;
                var read = await sender.EvaluateAsync<double>("k => window.__read[k]", key) - senderOffset;
                samples.Add(read - seen);
                await Task.Delay(300);
            }

            return samples;
        }

        public async Task<Samples> MeasureAsync(string tag, int count)
        {
            var box = sender.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
            var samples = new Samples([], [], []);
            for (var i = 0; i < count; i++)
            {
                var key = $"{tag}-{i}";
                await box.FillAsync($"bench-{key}");
                await box.PressAsync("Enter");
                await receiver.WaitForFunctionAsync("k => k in window.__recv", key);
                var sent = await sender.EvaluateAsync<double>("k => window.__sent[k]", key) - senderOffset;
                var seen = await receiver.EvaluateAsync<double>("k => window.__recv[k]", key) - receiverOffset;
                samples.Total.Add(seen - sent);
                if (published is null)
                {
                    continue;
                }

                for (var wait = 0; wait < 100 && !published.ContainsKey($"bench-{key}"); wait++)
                {
                    await Task.Delay(10);
                }

                if (!published.TryGetValue($"bench-{key}", out var atServer))
                {
                    throw new InvalidOperationException($"The hub tap saw {published.Count} messages, not {key}: {string.Join(",", published.Keys.Take(5))}");
                }

                samples.ToServer.Add(atServer - sent);
                samples.ToRender.Add(seen - atServer);
            }

            return samples;
        }
    }
}

/// <summary>This process's high-resolution clock in Unix milliseconds, and a page's offset from it.</summary>
public static class Clock
{
    private static readonly long StartTicks = System.Diagnostics.Stopwatch.GetTimestamp();
    private static readonly double StartUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static double NowMs() => StartUnixMs + System.Diagnostics.Stopwatch.GetElapsedTime(StartTicks).TotalMilliseconds;

    /// <summary>page clock − this clock, from the round trip that took least (its error is at most half that trip).</summary>
    public static async Task<double> OffsetAsync(IPage page)
    {
        var (bestTrip, offset) = (double.MaxValue, 0.0);
        for (var i = 0; i < 40; i++)
        {
            var before = NowMs();
            var pageTime = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = NowMs();
            if (after - before < bestTrip)
            {
                (bestTrip, offset) = (after - before, pageTime - (before + after) / 2);
            }
        }

        return offset;
    }
}
