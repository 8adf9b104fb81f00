using System.Diagnostics;

namespace BlazorMessenger.Benchmarks;

/// <summary>The one way the benchmarks run other programs: to completion with their output, or in the background.</summary>
public static class ChildProcess
{
    /// <summary>Runs a program to its end; the output is standard output then standard error.</summary>
    /// <param name="missing">What to say (how to install it) when the program is not found.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, string? workingDirectory, IEnumerable<string> args, string missing, IDictionary<string, string>? environment = null)
    {
        using var process = Start(program, args, workingDirectory, missing, readOutput: true, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Starts a program that keeps running (its output is read and dropped, so it never blocks on a full pipe).</summary>
    public static Process StartInBackground(string program, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var process = Start(program, args, null, $"{program} was not found.", readOutput: false, environment);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task StopAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static Process Start(
        string program, IEnumerable<string> args, string? workingDirectory, string missing, bool readOutput,
        IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        try
        {
            return Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(missing);
        }
    }
}
