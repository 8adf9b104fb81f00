using System.Globalization;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// The app process's memory: the managed heap after its last collection (all generations, from the runtime's metrics
/// on its Prometheus endpoint, Messenger:Metrics:Enabled; no collection is forced, unlike the memory scenario's
/// in-process figure) and its working set.
/// </summary>
public sealed class ServerMetrics(AppProcess app)
{
    public async Task<(double HeapMb, double WorkingSetMb)> ReadAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var text = await http.GetStringAsync($"{app.BaseUrl}/metrics");
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
