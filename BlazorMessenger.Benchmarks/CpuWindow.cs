using System.Diagnostics;

namespace BlazorMessenger.Benchmarks;

/// <summary>CPU used by the app process and by this one (the load client) over a span of time, in % of one core.</summary>
public sealed class CpuWindow(AppProcess app)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _server = app.CpuTime;
    private readonly TimeSpan _client = ClientCpu();

    public (TimeSpan Elapsed, double ServerMs, double ServerPercent, double ClientPercent) End()
    {
        var elapsed = Stopwatch.GetElapsedTime(_start);
        var server = (app.CpuTime - _server).TotalMilliseconds;
        var client = (ClientCpu() - _client).TotalMilliseconds;
        return (elapsed, server, server / elapsed.TotalMilliseconds * 100, client / elapsed.TotalMilliseconds * 100);
    }

    private static TimeSpan ClientCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
