using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BlazorMessenger.Benchmarks;

/// <summary>One measured figure. Target is "≤ 15" or "≥ 5000" in the figure's unit; none means it is for information.</summary>
public sealed record Figure(string Scenario, string Name, double Value, string Unit, string? Target = null)
{
    public bool? Met => Target is null ? null
        : Target.StartsWith('≤') ? Value <= Bound
        : Value >= Bound;

    private double Bound => double.Parse(Target![1..].Trim(), CultureInfo.InvariantCulture);
}

public sealed class Report(BenchmarkOptions options, RunEnvironment environment)
{
    private readonly List<Figure> _figures = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public List<string> Failures { get; } = [];

    public void Add(string scenario, string name, double value, string unit, string? target = null) =>
        _figures.Add(new Figure(scenario, name, value, unit, target));

    /// <summary>p50, p95 and p99 of a sample, with targets for those that have one.</summary>
    public void AddPercentiles(string scenario, string name, IReadOnlyCollection<double> samples, string unit,
        string? p50Target = null, string? p95Target = null, string? p99Target = null)
    {
        var sorted = samples.Order().ToArray();
        Add(scenario, $"{name} p50", Percentile(sorted, 50), unit, p50Target);
        Add(scenario, $"{name} p95", Percentile(sorted, 95), unit, p95Target);
        Add(scenario, $"{name} p99", Percentile(sorted, 99), unit, p99Target);
        Add(scenario, $"{name} samples", sorted.Length, "n");
    }

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"BlazorMessenger benchmarks, {environment.Date:yyyy-MM-dd HH:mm} UTC, commit {environment.Commit}, {(options.Smoke ? "SMOKE sizes (numbers mean nothing)" : "full sizes")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{environment.Machine}; SQLite {environment.Sqlite}");
        text.AppendLine($"| {"Scenario",-12} | {"Figure",-52} | {"Value",12} | {"Unit",-8} | {"Target",-8} | Met |");
        text.AppendLine($"|{new string('-', 14)}|{new string('-', 54)}|{new string('-', 14)}|{new string('-', 10)}|{new string('-', 10)}|-----|");
        foreach (var f in _figures)
        {
            var met = f.Met switch { true => "yes", false => "NO", null => "" };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Scenario,-12} | {f.Name,-52} | {Format(f.Value),12} | {f.Unit,-8} | {f.Target ?? "",-8} | {met,-3} |");
        }

        foreach (var failure in Failures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"FAILED: {failure}");
        }

        return text.ToString();
    }

    public async Task WriteJsonAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = new
        {
            environment.Date,
            environment.Commit,
            environment.Machine,
            environment.Sqlite,
            Mode = options.Smoke ? "smoke" : "full",
            Figures = _figures.Select(f => new { f.Scenario, f.Name, f.Value, f.Unit, f.Target, f.Met }),
            Failures,
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
