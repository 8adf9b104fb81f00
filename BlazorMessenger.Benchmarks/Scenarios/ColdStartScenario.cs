namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Cold start of the real app as its own process (Production environment) on a migrated database holding the search
/// scenario's messages: process start to the first HTTP 200 of the login page, then its memory after idling.
/// </summary>
public static class ColdStartScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            throw new InvalidOperationException("The cold-start scenario needs the search scenario's database: run it with --only search,coldstart.");
        }

        var runs = options.Smoke ? 1 : 5;
        var starts = new List<double>();
        var idle = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (start, memory) = await StartOnceAsync(dataDirectory, options.Smoke ? 1 : 10);
            log.WriteLine($"   run {i + 1}: first 200 after {start:0} ms, idle working set {memory:0.0} MB");
            starts.Add(start);
            idle.Add(memory);
        }

        report.Add("coldstart", $"process start to first HTTP 200 (median of {runs}), {options.SearchMessages:N0} messages", Median(starts), "ms", "≤ 1500");
        report.Add("coldstart", "slowest start", starts.Max(), "ms");
        report.Add("coldstart", "idle working set after the first request (median)", Median(idle), "MB", "≤ 200");
    }

    private static async Task<(double StartMs, double IdleMb)> StartOnceAsync(string dataDirectory, int idleSeconds)
    {
        await using var app = await AppProcess.StartBuiltAsync(dataDirectory);
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        return (app.StartMs, app.WorkingSetMb);
    }

    private static double Median(List<double> values) => Report.Percentile([.. values.Order()], 50);
}
