namespace BlazorMessenger.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project BlazorMessenger.Benchmarks` measures everything at full size;
/// `-- --smoke` runs every scenario at a tiny size (CI does this to prove the program works; it never judges numbers);
/// `-- --only latency,search` runs some scenarios; `-- --out file.json` chooses where the figures go.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        var report = await BenchmarkRunner.RunAsync(options, Console.Out);
        Console.WriteLine();
        Console.WriteLine(report.ToTable());
        await report.WriteJsonAsync(options.OutputPath);
        Console.WriteLine($"Figures written to {Path.GetFullPath(options.OutputPath)}");
        return report.Failures.Count == 0 ? 0 : 1;
    }
}
