using System.Diagnostics;
using System.Globalization;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// The app process's memory: the managed heap after its last collection (all generations, from the runtime's metrics
/// on its Prometheus endpoint, Messenger:Metrics:Enabled) and its working set.
/// </summary>
public sealed class ServerMetrics(AppProcess app)
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(double HeapMb, double WorkingSetMb)> ReadAsync()
    {
        var text = await _http.GetStringAsync($"{app.BaseUrl}/metrics");
        var heap = text.Split('\n')
            .Where(line => line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        if (heap == 0)
        {
            throw new InvalidOperationException("The app's /metrics has no dotnet_gc_last_collection_heap_size_bytes.");
        }

        return (heap / (1024 * 1024), app.WorkingSetMb);
    }
}

/// <summary>CPU used by the app process and by this one (the load client) over a span of time, in % of one core.</summary>
public sealed class CpuWindow(AppProcess app)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _server = app.CpuTime;
    private readonly TimeSpan _client = Process.GetCurrentProcess().TotalProcessorTime;

    public (TimeSpan Elapsed, double ServerMs, double ServerPercent, double ClientPercent) End()
    {
        var elapsed = Stopwatch.GetElapsedTime(_start);
        var server = (app.CpuTime - _server).TotalMilliseconds;
        var client = (Process.GetCurrentProcess().TotalProcessorTime - _client).TotalMilliseconds;
        return (elapsed, server, server / elapsed.TotalMilliseconds * 100, client / elapsed.TotalMilliseconds * 100);
    }
}
