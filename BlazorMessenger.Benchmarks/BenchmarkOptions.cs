namespace BlazorMessenger.Benchmarks;

/// <summary>Sizes for one run: the full sizes, or tiny ones that only prove every scenario still works.</summary>
public sealed record BenchmarkOptions
{
    public bool Smoke { get; init; }

    public int LatencyMessages { get; init; } = 200;

    public int BackgroundUsers { get; init; } = 1000;

    public int BackgroundMessagesPerSecond { get; init; } = 200;

    public int ThroughputSenders { get; init; } = 256;

    public int ThroughputMessagesPerSender { get; init; } = 100;

    public int[] TabCounts { get; init; } = [20, 50, 100];

    public int HistoryMessages { get; init; } = 100_000;

    /// <summary>The fan-out group's size (the default Messenger:Groups:MaxMembers) and how many messages it measures.</summary>
    public int GroupMembers { get; init; } = 256;

    public int GroupMessages { get; init; } = 200;

    /// <summary>Members of the group opened with HistoryMessages messages.</summary>
    public int GroupOpenMembers { get; init; } = 100;

    public int HistoryOpens { get; init; } = 50;

    public int HistoryScrollPages { get; init; } = 30;

    public int SearchMessages { get; init; } = 1_000_000;

    public int SearchQueries { get; init; } = 200;

    public TimeSpan CircuitRetention { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The capacity scenario's steps: open chat circuits of the headless load client.</summary>
    public int[] CapacitySteps { get; init; } = [500, 1000, 2000, 5000, 10000];

    /// <summary>Messages measured at each capacity step (sent at N/1,000 a second).</summary>
    public int CapacityMessages { get; init; } = 100;

    public string OutputPath { get; init; } = Path.Combine("artifacts", "benchmarks", "latest.json");

    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Where the memory scenario writes a heap snapshot (dotnet-gcdump) at each of its measurements; none when null.</summary>
    public string? GcDumpDirectory { get; init; }

    /// <summary>Leave the search database behind (its path is printed) to look at query plans with sqlite3.</summary>
    public bool KeepData { get; init; }

    /// <summary>How long the memory scenarios let the server settle (circuits end, buffers drain) before measuring.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1);

    public static BenchmarkOptions ForSmoke() => new()
    {
        Smoke = true,
        Settle = TimeSpan.FromMilliseconds(200),
        LatencyMessages = 5,
        BackgroundUsers = 40,
        BackgroundMessagesPerSecond = 50,
        ThroughputSenders = 8,
        ThroughputMessagesPerSender = 5,
        TabCounts = [1],
        HistoryMessages = 500,
        GroupMembers = 16,
        GroupMessages = 10,
        GroupOpenMembers = 10,
        HistoryOpens = 3,
        HistoryScrollPages = 2,
        SearchMessages = 5_000,
        SearchQueries = 10,
        CircuitRetention = TimeSpan.FromSeconds(2),
        CapacitySteps = [4, 8],
        CapacityMessages = 5,
        OutputPath = Path.Combine("artifacts", "benchmarks", "smoke.json"),
    };

    public bool Runs(string scenario) => Only is null || Only.Contains(scenario);

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = (args.Contains("--smoke") ? ForSmoke() : new BenchmarkOptions()) with { KeepData = args.Contains("--keep") };
        for (var i = 0; i < args.Length - 1; i++)
        {
            options = args[i] switch
            {
                "--only" => options with { Only = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() },
                "--out" => options with { OutputPath = args[i + 1] },
                "--tabs" => options with { TabCounts = [.. args[i + 1].Split(',').Select(int.Parse)] },
                "--capacity-messages" => options with { CapacityMessages = int.Parse(args[i + 1]) },
                "--circuits" => options with { CapacitySteps = [.. args[i + 1].Split(',').Select(int.Parse)] },
                "--gcdump" => options with { GcDumpDirectory = args[i + 1] },
                _ => options,
            };
        }

        return options;
    }
}
