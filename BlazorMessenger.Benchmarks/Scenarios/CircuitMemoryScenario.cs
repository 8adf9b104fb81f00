using System.Diagnostics;
using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Server memory per open chat circuit: tabs each showing a 50-message conversation, opened up to each of TabCounts;
/// managed heap after a full collection and the process working set, compared with before the first tab. Then the
/// memory still held after every tab closes, and after the disconnected-circuit retention has run out.
/// </summary>
public static class CircuitMemoryScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var generator = new DataGenerator(app.Services);
        var people = await generator.CreateUsersAsync("mem", 2);
        var conversations = await generator.ConnectAsync([(people[0], people[1])]);
        var text = new TextMaker(2);
        await generator.AddMessagesAsync(conversations, 50, _ => text.Next());
        await using var context = await browsers.LogInAsync(app.BaseUrl, people[0].UserName);

        var (heap0, ws0) = Measure();
        var pages = new List<IPage>();
        foreach (var count in options.TabCounts)
        {
            while (pages.Count < count)
            {
                var page = await Browsers.OpenAsync(context, $"/chat/{people[1].UserName}");
                await page.Locator("[role=log] .bm-msg").Nth(49).WaitForAsync();
                pages.Add(page);
            }

            await Task.Delay(1000);
            var (heap, ws) = Measure();
            log.WriteLine($"   {count} tabs: heap +{(heap - heap0) / count:0.00} MB/circuit, working set +{(ws - ws0) / count:0.00} MB/circuit");
            report.Add("memory", $"managed heap per circuit, {count} tabs", (heap - heap0) / count, "MB", "≤ 1");
            report.Add("memory", $"working set per circuit, {count} tabs", (ws - ws0) / count, "MB");
        }

        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        await Task.Delay(2000);
        var (heapClosed, wsClosed) = Measure();
        report.Add("memory", "heap still held 2 s after all tabs closed", heapClosed - heap0, "MB");
        report.Add("memory", "working set still held 2 s after all tabs closed", wsClosed - ws0, "MB");

        // The circuit registry's cache drops expired circuits on its next scan, up to a minute after they expire.
        var wait = options.CircuitRetention + (options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(70));
        await Task.Delay(wait);
        var (heapExpired, wsExpired) = Measure();
        report.Add("memory", $"heap held {wait.TotalSeconds:0} s after closing (retention {options.CircuitRetention.TotalSeconds:0} s)", heapExpired - heap0, "MB");
        report.Add("memory", $"working set held {wait.TotalSeconds:0} s after closing", wsExpired - ws0, "MB");

        // For comparison: the shell alone (app bar, drawer with the conversation list, home page), no open chat.
        var shells = new List<IPage>();
        for (var i = 0; i < options.TabCounts[0]; i++)
        {
            shells.Add(await Browsers.OpenAsync(context, "/"));
        }

        await Task.Delay(1000);
        var (heapShell, _) = Measure();
        report.Add("memory", $"managed heap per circuit, shell only (no chat open), {shells.Count} tabs", (heapShell - heapExpired) / shells.Count, "MB");
        foreach (var page in shells)
        {
            await page.CloseAsync();
        }
    }

    private static (double HeapMb, double WorkingSetMb) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(false) / (1024.0 * 1024), process.WorkingSet64 / (1024.0 * 1024));
    }
}
