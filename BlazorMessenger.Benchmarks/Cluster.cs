using System.Diagnostics;
using System.Net;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// cluster/run.sh's local cluster (PostgreSQL, Redis, two instances of this build, nginx) on free ports in a temporary
/// directory, for the scale-out benchmarks and browser tests; stopped and removed on dispose.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private Cluster(string state, Dictionary<string, string> environment, int proxyPort, int[] appPorts, int postgresPort, int redisPort)
    {
        State = state;
        _environment = environment;
        ProxyUrl = $"http://127.0.0.1:{proxyPort}";
        InstanceUrls = [.. appPorts.Select(p => $"http://127.0.0.1:{p}")];
        PostgresConnectionString = $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Database=messenger";
        Redis = $"127.0.0.1:{redisPort}";
    }

    public string State { get; }

    public string ProxyUrl { get; }

    public IReadOnlyList<string> InstanceUrls { get; }

    public string PostgresConnectionString { get; }

    public string Redis { get; }

    public static async Task<Cluster> StartAsync()
    {
        var state = Path.Combine(Path.GetTempPath(), $"bm-cluster-{Guid.NewGuid():N}");
        var (proxy, app1, app2, postgres, redis) = (AppProcess.FreePort(), AppProcess.FreePort(), AppProcess.FreePort(), AppProcess.FreePort(), AppProcess.FreePort());
        var environment = new Dictionary<string, string>
        {
            ["BM_CLUSTER_DIR"] = state,
            ["BM_PROXY_PORT"] = $"{proxy}",
            ["BM_APP_PORTS"] = $"{app1} {app2}",
            ["BM_PG_PORT"] = $"{postgres}",
            ["BM_REDIS_PORT"] = $"{redis}",
            // This build, in Development (the build output serves its static assets only there), not a published copy.
            ["BM_APP_DLL"] = typeof(Program).Assembly.Location,
            ["BM_CONTENT_ROOT"] = Path.Combine(RepositoryRoot.Find(), "BlazorMessenger"),
            ["BM_ENVIRONMENT"] = "Development",
            ["BM_SEED_DEMO_USERS"] = "false",
            // Inherited by the instances: a measured conversation sends faster than a person may.
            ["Messenger__RateLimits__MessageBurst"] = "1000000",
            ["Messenger__RateLimits__MessagesPerMinute"] = "1000000",
        };
        var cluster = new Cluster(state, environment, proxy, [app1, app2], postgres, redis);
        var (exit, output) = await cluster.RunAsync("start");
        if (exit != 0)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"cluster/run.sh start failed ({exit}):\n{output}");
        }

        return cluster;
    }

    /// <summary>kill -9 of an instance (1 or 2), as a crash or a pulled plug; returns when the process is gone.</summary>
    public async Task KillAsync(int instance)
    {
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(State, $"instance{instance}.pid")));
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>A value of nginx's affinity cookie that sends a browser to the given instance (1 or 2).</summary>
    public async Task<string> AffinityForAsync(int instance)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        var port = new Uri(InstanceUrls[instance - 1]).Port;
        for (var i = 0; i < 200; i++)
        {
            var key = $"k{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{ProxyUrl}/health/live");
            request.Headers.Add("Cookie", $"bm_affinity={key}");
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK && response.Headers.TryGetValues("X-Upstream", out var upstream)
                && upstream.Single().EndsWith($":{port}", StringComparison.Ordinal))
            {
                return key;
            }
        }

        throw new InvalidOperationException($"No affinity key reached instance {instance} in 200 tries.");
    }

    private Task<(int ExitCode, string Output)> RunAsync(string verb) => ChildProcess.RunAsync(
        "bash", RepositoryRoot.Find(), [Path.Combine("cluster", "run.sh"), verb], "bash was not found.", _environment);

    public async ValueTask DisposeAsync() => await RunAsync("clean");
}
