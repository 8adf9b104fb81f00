using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// A script of TestSupport/Clients run with Node.js: a real integration client (telegraf, @slack/webhook) as a process of
/// its own. Its output lines are kept for the test; disposing stops it as a person would (SIGINT), then for good.
/// </summary>
public sealed class NodeClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeClient(Process process) => _process = process;

    public static string ClientsDirectory =>
        typeof(NodeClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ClientsDirectory").Value!;

    /// <summary>Starts the script with these environment variables.</summary>
    public static NodeClient Start(string script, IReadOnlyDictionary<string, string> environment)
    {
        var node = new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The integration tests run their clients with Node.js, which was not found. " +
                                                   "Install it with `sudo apt-get install -y nodejs npm` (./test.sh does this itself when run as root).");
        if (!Directory.Exists(Path.Combine(ClientsDirectory, "node_modules", "telegraf")))
        {
            throw new InvalidOperationException($"The integration clients are not installed in {ClientsDirectory}: build the test project " +
                                                "(it runs `npm ci` there) or run `npm ci` in that directory.");
        }

        var start = new ProcessStartInfo(node, Path.Combine(ClientsDirectory, script))
        {
            WorkingDirectory = ClientsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var client = new NodeClient(process);
        process.OutputDataReceived += (_, e) => client.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => client.Keep(e.Data is null ? null : "stderr: " + e.Data);
        process.Exited += (_, _) => client._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return client;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Runs a script that does one thing and ends; answers what it printed.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        await using var client = Start(script, environment);
        // Unlike Exited, this waits for the last of its output too.
        await client._process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return client.Lines;
    }

    public Task Exited => _exited.Task;

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until the script printed this line (or ended, or 30 seconds passed: both fail with its output).</summary>
    public async Task WaitForLineAsync(string line)
    {
        for (var waited = 0; waited < 600 && !_lines.Contains(line); waited++)
        {
            if (_exited.Task.IsCompleted)
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(_lines.Contains(line), $"The client did not print \"{line}\". It printed:\n{string.Join('\n', _lines)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
            if (await Task.WhenAny(_exited.Task, Task.Delay(3000)) != _exited.Task)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
