using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// The real app as its own process in the Production environment on a free port, as it is deployed: either the build
/// output (with the project folder as its content root) or a folder `dotnet publish` wrote.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, string baseUrl, double startMs)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartMs = startMs;
    }

    public string BaseUrl { get; }

    /// <summary>From starting the process to the login page's first HTTP 200.</summary>
    public double StartMs { get; }

    /// <summary>CPU time the process has used (user and system), all its threads together.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public double WorkingSetMb
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / (1024.0 * 1024);
        }
    }

    /// <summary>
    /// The app from this program's own build output. Pages work in the browser only in Development: in Production, static
    /// assets come from a publish folder (the build output serves its script modules without a content type).
    /// </summary>
    public static Task<AppProcess> StartBuiltAsync(
        string dataDirectory, string environment = "Production", IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(typeof(Program).Assembly.Location, Path.Combine(RepositoryRoot.Find(), "BlazorMessenger"), dataDirectory, environment, settings);

    /// <summary>The app published into a fresh temporary folder (Release, with its brotli files), started from there.</summary>
    public static async Task<AppProcess> StartPublishedAsync(string publishFolder, string dataDirectory) =>
        await StartAsync(Path.Combine(publishFolder, "BlazorMessenger.dll"), publishFolder, dataDirectory, "Production");

    /// <summary>Runs `dotnet publish -c Release` of the app into a new temporary folder and returns that folder.</summary>
    /// <param name="fromThisBuild">
    /// Publish the build this program runs from (a copy with the brotli files, in two seconds) rather than compile
    /// Release again: for the smoke run, which proves the scenario runs and judges no figure.
    /// </param>
    public static async Task<string> PublishAsync(bool fromThisBuild = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bm-bench-publish-{Guid.NewGuid():N}");
        var project = Path.Combine(RepositoryRoot.Find(), "BlazorMessenger", "BlazorMessenger.csproj");
        string[] configuration = fromThisBuild ? ["-c", BuildConfiguration, "--no-build"] : ["-c", "Release"];
        var (exit, output) = await ChildProcess.RunAsync(DotNet, null,
            ["publish", project, .. configuration, "-o", folder, "--nologo", "-v", "q"], "dotnet was not found.");
        if (exit != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({exit}):\n{output}");
        }

        return folder;
    }

    /// <summary>The configuration this program was built in (the test suite builds Release).</summary>
    private static string BuildConfiguration =>
        typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static async Task<AppProcess> StartAsync(
        string appDll, string contentRoot, string dataDirectory, string environment, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var started = Stopwatch.GetTimestamp();
        var environmentVariables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Messenger__DataDirectory"] = dataDirectory,
            ["Messenger__SeedDemoUsers"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environmentVariables[key.Replace(":", "__")] = value ?? "";
        }

        var process = ChildProcess.StartInBackground(DotNet, [appDll, "--urls", baseUrl, "--contentRoot", contentRoot], environmentVariables);
        try
        {
            await FirstOkAsync(process, $"{baseUrl}/Account/Login");
            return new AppProcess(process, baseUrl, BenchmarkRunner.Ms(started));
        }
        catch
        {
            await ChildProcess.StopAsync(process);
            throw;
        }
    }

    private static async Task FirstOkAsync(Process running, string url)
    {
        // One deadline for the whole start: the first answer of a cold app on a busy machine can take seconds (JIT, the
        // database's migrations, the first render), and a request still waiting on it is not a failure.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!deadline.IsCancellationRequested)
        {
            if (running.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {running.ExitCode} before answering.");
            }

            try
            {
                using var response = await http.GetAsync(url, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(5, CancellationToken.None);
        }

        throw new TimeoutException("The app did not answer 200 within 60 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Sends SIGTERM, as a service manager or `docker stop` does, and waits for the process to end.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var (exit, output) = await ChildProcess.RunAsync("kill", null, ["-TERM", _process.Id.ToString()], "kill was not found.");
        if (exit != 0)
        {
            throw new InvalidOperationException($"kill -TERM failed: {output}");
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
        {
            _process.Dispose();
        }
        else
        {
            await ChildProcess.StopAsync(_process);
        }
    }
}
