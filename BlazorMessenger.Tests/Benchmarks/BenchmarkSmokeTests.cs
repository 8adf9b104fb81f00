using System.Text.Json;
using BlazorMessenger.Benchmarks;

namespace BlazorMessenger.Tests.Benchmarks;

/// <summary>
/// Proves the benchmark program still works: every scenario runs at tiny sizes and reports finite figures. The numbers
/// themselves are never judged here (they are measured by the full run, see README "Performance"). The scenarios run in
/// three parts, each a test class (and so a test collection) of its own, side by side.
/// </summary>
public abstract class BenchmarkSmokeTests(params string[] scenarios)
{
    /// <summary>The parts; together they hold every scenario once.</summary>
    public static readonly string[][] Parts =
    [
        ["latency", "bots", "hooks", "push", "image", "history", "groups", "memory"], // one app and browser for the eight
        ["throughput", "search", "coldstart", "firstload", "decode"], // coldstart starts on the search's data
        ["scaleout", "capacity"],
    ];

    [Fact]
    public async Task Its_scenarios_run_at_smoke_size_and_write_their_figures()
    {
        var output = Path.Combine(Path.GetTempPath(), $"bm-smoke-{Guid.NewGuid():N}.json");
        var log = new StringWriter();
        try
        {
            var report = await BenchmarkRunner.RunAsync(
                BenchmarkOptions.ForSmoke() with { OutputPath = output, Only = scenarios.ToHashSet() }, log);
            await report.WriteJsonAsync(output);

            Assert.True(report.Failures.Count == 0, string.Join(Environment.NewLine, report.Failures) + Environment.NewLine + log);
            Assert.All(scenarios, scenario => Assert.Contains(report.Figures, f => f.Scenario == scenario));
            Assert.All(report.Figures, f => Assert.True(double.IsFinite(f.Value), $"{f.Scenario}: {f.Name} = {f.Value}"));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
            Assert.Equal("smoke", json.RootElement.GetProperty("Mode").GetString());
            Assert.Equal(report.Figures.Count, json.RootElement.GetProperty("Figures").GetArrayLength());
        }
        finally
        {
            TestContext.Current.TestOutputHelper?.WriteLine(log.ToString());
            File.Delete(output);
        }
    }
}

public sealed class BrowserBenchmarkSmokeTests() : BenchmarkSmokeTests(Parts[0]);

public sealed class ServerBenchmarkSmokeTests() : BenchmarkSmokeTests(Parts[1]);

public sealed class ClusterBenchmarkSmokeTests() : BenchmarkSmokeTests(Parts[2])
{
    [Fact]
    public void The_parts_hold_every_scenario_once() =>
        Assert.Equal(BenchmarkRunner.Scenarios.Order(), Parts.SelectMany(part => part).Order());
}
