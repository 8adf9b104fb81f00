using System.Diagnostics;

namespace BlazorMessenger.LoadTest;

/// <summary>
/// `dotnet run --project BlazorMessenger.LoadTest -- --url http://localhost:5000 --password P alice:bob bob:alice`:
/// signs each person in, opens their chat with the peer, sends one message from each and prints when it reached the
/// peer's open chat (the demo users alice and bob work against a development install).
/// </summary>
public static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        var url = Option(args, "--url") ?? "http://localhost:5000";
        var password = Option(args, "--password") ?? throw new ArgumentException("--password is required.");
        var pairs = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal)))
            .Select(a => a.Split(':')).Where(p => p.Length == 2).ToList();
        var baseUri = new Uri(url.TrimEnd('/') + "/");
        var open = new Dictionary<string, ChatCircuit>();
        try
        {
            foreach (var pair in pairs)
            {
                var person = new Person(baseUri, pair[0]);
                await person.LogInAsync(password, CancellationToken.None);
                open[pair[0]] = await person.OpenChatAsync(pair[1], TimeSpan.FromSeconds(30), CancellationToken.None);
                Console.WriteLine($"{pair[0]}: chat with {pair[1]} open (conversation {open[pair[0]].ConversationId})");
            }

            foreach (var pair in pairs.Where(p => open.ContainsKey(p[1])))
            {
                var text = $"Hello from the load client {Guid.NewGuid():N}";
                var arrived = open[pair[1]].ExpectAsync(text, CancellationToken.None);
                var sent = Stopwatch.GetTimestamp();
                var stored = await open[pair[0]].SendAsync(text, CancellationToken.None);
                var at = await arrived.WaitAsync(TimeSpan.FromSeconds(10));
                Console.WriteLine($"{pair[0]} → {pair[1]}: stored {stored}, rendered at the peer after {Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds:0.0} ms");
            }

            return 0;
        }
        finally
        {
            foreach (var circuit in open.Values)
            {
                await circuit.DisposeAsync();
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
