using System.Diagnostics;
using BlazorMessenger.Features.Tabs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Server memory per open chat circuit: tabs each showing a 50-message conversation, opened up to each of TabCounts;
/// managed heap after a full collection and the process working set, compared with before the first tab. Then the
/// memory still held after every tab closes, and after the disconnected-circuit retention has run out; the shell alone;
/// and circuits whose tabs vanished without saying goodbye (held until the retention runs out).
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
        var chat = $"/chat/{people[1].UserName}";

        // The first circuits pay once for what every later one shares (JIT, query and serializer caches); an earlier
        // scenario in the same run would have paid it already, so pay it here too and count only what each circuit adds.
        await CloseAllAsync(options, [await OpenFilledChatAsync(context, chat), await Browsers.OpenAsync(context, "/")]);
        var (heap0, ws0) = Measure(options, "0-none");
        var pages = new List<IPage>();
        foreach (var count in options.TabCounts)
        {
            while (pages.Count < count)
            {
                pages.Add(await OpenFilledChatAsync(context, chat));
            }

            await Task.Delay(options.Settle);
            var (heap, ws) = Measure(options, $"1-chat-{count}");
            log.WriteLine($"   {count} tabs: heap +{(heap - heap0) / count:0.00} MB/circuit, working set +{(ws - ws0) / count:0.00} MB/circuit");
            report.Add("memory", $"managed heap per circuit, {count} tabs", (heap - heap0) / count, "MB", "≤ 1");
            report.Add("memory", $"working set per circuit, {count} tabs", (ws - ws0) / count, "MB");
        }

        await CloseAllAsync(options, pages);
        var (heapClosed, wsClosed) = Measure(options, "2-closed");
        report.Add("memory", "heap still held 2 s after all tabs closed", heapClosed - heap0, "MB");
        report.Add("memory", "working set still held 2 s after all tabs closed", wsClosed - ws0, "MB");

        // The circuit registry's cache drops expired circuits on its next scan, up to a minute after they expire.
        var wait = options.CircuitRetention + (options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(70));
        await Task.Delay(wait);
        var (heapExpired, wsExpired) = Measure(options, "3-expired");
        report.Add("memory", $"heap held {wait.TotalSeconds:0} s after closing (retention {options.CircuitRetention.TotalSeconds:0} s)", heapExpired - heap0, "MB");
        report.Add("memory", $"working set held {wait.TotalSeconds:0} s after closing", wsExpired - ws0, "MB");

        // For comparison: the shell alone (app bar, drawer with the conversation list, home page), no open chat.
        var shells = new List<IPage>();
        for (var i = 0; i < options.TabCounts[0]; i++)
        {
            shells.Add(await Browsers.OpenAsync(context, "/"));
        }

        await Task.Delay(options.Settle);
        var (heapShell, _) = Measure(options, "4-shell");
        report.Add("memory", $"managed heap per circuit, shell only (no chat open), {shells.Count} tabs", (heapShell - heapExpired) / shells.Count, "MB", "≤ 0.3");
        await CloseAllAsync(options, shells);

        await MemorySizing.RunAsync(options, report, app, browsers);
        // Last: the circuits it leaves behind are let go of up to a minute after their retention, shrinking the heap under
        // any measurement that came after.
        await MeasureDisconnectedAsync(options, report, log, context, chat, () => app.Services.GetRequiredService<TabCounter>().OpenFor(people[0].Id));
    }

    /// <summary>
    /// A tab that closes normally ends its circuit at once (the page sends a goodbye beacon); one whose connection just
    /// drops (a crash, a laptop lid, a lost network) leaves it held for the retention period, for a reconnect that may
    /// come. A page that cannot send the beacon makes closing it look like that.
    /// </summary>
    private static async Task MeasureDisconnectedAsync(
        BenchmarkOptions options, Report report, TextWriter log, IBrowserContext context, string chat, Func<int> openCircuits)
    {
        var (heapBefore, _) = Measure(options, "5-before-dropped");
        var dropped = new List<IPage>();
        for (var i = 0; i < options.TabCounts[0]; i++)
        {
            var page = await OpenFilledChatAsync(context, chat);
            await page.EvaluateAsync("() => navigator.sendBeacon = () => true");
            dropped.Add(page);
        }

        await CloseAllAsync(options, dropped);
        var (heapDropped, _) = Measure(options, "6-dropped");
        log.WriteLine($"   {openCircuits()} of {dropped.Count} dropped circuits still held");
        report.Add("memory", $"managed heap per dropped chat circuit still retained, {dropped.Count} tabs", (heapDropped - heapBefore) / dropped.Count, "MB");
    }

    /// <summary>A chat whose log shows at least 50 messages (the memory scenario seeds more).</summary>
    internal static async Task<IPage> OpenFilledChatAsync(IBrowserContext context, string path)
    {
        var page = await Browsers.OpenAsync(context, path);
        await page.Locator("[role=log] .bm-msg").Nth(49).WaitForAsync();
        return page;
    }

    internal static async Task CloseAllAsync(BenchmarkOptions options, IEnumerable<IPage> pages)
    {
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        await Task.Delay(2 * options.Settle);
    }

    /// <summary>
    /// The heap after full collections (twice, compacting, with the finalizers run between), and the working set. At smoke
    /// size one collection that does not compact: the figures are not judged there, and the run shares its process with
    /// the rest of the test suite, which every compacting collection of that larger heap would stop for a second.
    /// </summary>
    internal static (double HeapMb, double WorkingSetMb) Measure(BenchmarkOptions options, string label)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: !options.Smoke);
        if (!options.Smoke)
        {
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        using var process = Process.GetCurrentProcess();
        var figures = (GC.GetTotalMemory(false) / (1024.0 * 1024), process.WorkingSet64 / (1024.0 * 1024));
        if (options.GcDumpDirectory is { } directory)
        {
            // dotnet-gcdump (a global tool) names what each circuit holds: compare two snapshots with `dotnet-gcdump report`.
            Directory.CreateDirectory(directory);
            using var dump = Process.Start("dotnet-gcdump", ["collect", "-p", Environment.ProcessId.ToString(), "-o", Path.Combine(directory, $"{label}.gcdump")]);
            dump.WaitForExit();
        }

        return figures;
    }
}
