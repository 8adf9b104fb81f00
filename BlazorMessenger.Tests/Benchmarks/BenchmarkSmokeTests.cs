using System.Text.Json;
using BlazorMessenger.Benchmarks;

namespace BlazorMessenger.Tests.Benchmarks;

/// <summary>
/// Proves the benchmark program still works: every scenario runs at tiny sizes and reports finite figures. The numbers
/// themselves are never judged here (they are measured by the full run, see README "Performance").
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Every_scenario_runs_at_smoke_size_and_writes_its_figures()
    {
        var output = Path.Combine(Path.GetTempPath(), $"bm-smoke-{Guid.NewGuid():N}.json");
        var log = new StringWriter();
        try
        {
            var report = await BenchmarkRunner.RunAsync(BenchmarkOptions.ForSmoke() with { OutputPath = output }, log);
            await report.WriteJsonAsync(output);

            Assert.True(report.Failures.Count == 0, string.Join(Environment.NewLine, report.Failures) + Environment.NewLine + log);
            Assert.All(BenchmarkRunner.Scenarios, scenario => Assert.Contains(report.Figures, f => f.Scenario == scenario));
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
