using System.Diagnostics;

namespace BlazorMessenger.Benchmarks;

/// <summary>Runs the selected scenarios in order; a scenario that throws is reported and the others still run.</summary>
public static class BenchmarkRunner
{
    public static readonly string[] Scenarios =
        ["throughput", "search", "coldstart", "firstload", "decode", "latency", "bots", "hooks", "push", "image", "history", "groups", "memory", "scaleout", "capacity"];

    public static async Task<Report> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        log = TextWriter.Synchronized(log); // a scenario may run its parts side by side
        var report = new Report(options, RunEnvironment.Capture());
        log.WriteLine($"Benchmarks ({(options.Smoke ? "smoke sizes" : "full sizes")}): {string.Join(", ", Scenarios.Where(options.Runs))}");

        await StepAsync("throughput", () => ThroughputScenario.RunAsync(options, report, log));

        string? searchData = null;
        await StepAsync("search", async () => searchData = await SearchScenario.RunAsync(options, report, log));
        await StepAsync("coldstart", () => ColdStartScenario.RunAsync(options, report, log, searchData));
        if (searchData is not null && options.KeepData)
        {
            log.WriteLine($"   search database kept in {searchData}");
        }
        else if (searchData is not null)
        {
            BenchSettings.Delete(searchData);
        }

        await StepAsync("firstload", () => FirstLoadScenario.RunAsync(options, report, log));
        await StepAsync("decode", () => DecodeScenario.RunAsync(options, report, log));

        if (new[] { "latency", "bots", "hooks", "push", "image", "history", "groups", "memory" }.Any(options.Runs))
        {
            await using var app = new BenchApp(options.CircuitRetention);
            _ = app.BaseUrl;
            await using var browsers = await Browsers.LaunchAsync();
            await StepAsync("latency", () => LatencyScenario.RunAsync(options, report, log, app, browsers));
            await StepAsync("bots", () => BotScenario.RunAsync(options, report, log, app, browsers));
            await StepAsync("hooks", () => HookScenario.RunAsync(options, report, log, app, browsers));
            await StepAsync("push", () => PushScenario.RunAsync(options, report, log, app, browsers));
            await StepAsync("image", () => ImageScenario.RunAsync(options, report, log, app, browsers));
            await StepAsync("history", () => HistoryScenario.RunAsync(options, report, log, app, browsers));
            await StepAsync("groups", () => GroupScenario.RunAsync(options, report, log, app, browsers));
            await StepAsync("memory", () => CircuitMemoryScenario.RunAsync(options, report, log, app, browsers));
        }

        if (options.Runs("scaleout"))
        {
            await using var browsers = await Browsers.LaunchAsync();
            await StepAsync("scaleout", () => ScaleOutScenario.RunAsync(options, report, log, browsers));
        }

        await StepAsync("capacity", () => CapacityScenario.RunAsync(options, report, log));
        return report;

        async Task StepAsync(string name, Func<Task> run)
        {
            if (!options.Runs(name))
            {
                return;
            }

            log.WriteLine($"== {name}");
            var watch = Stopwatch.StartNew();
            try
            {
                await run();
                log.WriteLine($"   {name} done in {watch.Elapsed.TotalSeconds:0.0} s");
            }
            catch (Exception ex)
            {
                report.Failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
                log.WriteLine($"   {name} FAILED: {ex}");
            }
        }
    }

    public static double Ms(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
