using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace BlazorMessenger.Benchmarks;

/// <summary>Where and when the figures were taken: they mean little without the machine and the SQLite settings.</summary>
public sealed record RunEnvironment(DateTime Date, string Commit, string Machine, string Sqlite)
{
    public static RunEnvironment Capture()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var machine = $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {memoryGiB:0} GiB, {Environment.OSVersion}, .NET {Environment.Version}";
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var sqlite = $"{command.ExecuteScalar()}, WAL, synchronous=FULL (SQLite's default), busy_timeout 5 s, pooled connections";
        return new RunEnvironment(DateTime.UtcNow, GitCommit(), machine, sqlite);
    }

    private static string GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepositoryRoot.Find(),
            });
            var commit = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }
}

public static class RepositoryRoot
{
    /// <summary>The folder holding BlazorMessenger.sln, found upwards from the running program.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlazorMessenger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BlazorMessenger.sln was not found above " + AppContext.BaseDirectory);
    }
}
