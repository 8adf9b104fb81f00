using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
        var port = FreePort();
        var app = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { app, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.Combine(RepositoryRoot.Find(), "BlazorMessenger") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Messenger__DataDirectory"] = dataDirectory,
                ["Messenger__SeedDemoUsers"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var startMs = await FirstOkAsync(http, $"http://127.0.0.1:{port}/Account/Login", process);
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            process.Refresh();
            return (startMs, process.WorkingSet64 / (1024.0 * 1024));

            async Task<double> FirstOkAsync(HttpClient client, string url, Process running)
            {
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    if (running.HasExited)
                    {
                        throw new InvalidOperationException($"The app exited with code {running.ExitCode} before answering.");
                    }

                    try
                    {
                        using var response = await client.GetAsync(url);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            return BenchmarkRunner.Ms(started);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Not listening yet.
                    }

                    await Task.Delay(5);
                }

                throw new TimeoutException("The app did not answer 200 within 60 s.");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> values) => Report.Percentile([.. values.Order()], 50);
}
