using System.Collections.Concurrent;
using System.Diagnostics;

namespace BlazorMessenger.LoadTest;

/// <summary>
/// Many people, each with their chat open in a headless circuit, in one process: opened a few at a time (signing in
/// costs the server a password hash each), then messages sent at a steady rate from random people to their peer,
/// each timed from the send to the render batch carrying it at every open circuit of the peer.
/// </summary>
public sealed class Crowd(Uri baseUri, string password) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<ChatCircuit>> _byUser = new();
    private readonly List<(string User, string Peer, ChatCircuit Circuit)> _open = [];
    private readonly List<(double LogIn, double Open)> _times = [];

    public int Count
    {
        get
        {
            lock (_open)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Circuits whose server ended them or whose connection dropped.</summary>
    public int Failed
    {
        get
        {
            lock (_open)
            {
                return _open.Count(o => o.Circuit.Failure is not null);
            }
        }
    }

    /// <summary>All open circuits' render batches and calls into the page, together.</summary>
    public (long Batches, long JsCalls) Traffic
    {
        get
        {
            lock (_open)
            {
                return (_open.Sum(o => o.Circuit.Counters.Batches), _open.Sum(o => o.Circuit.Counters.JsCalls));
            }
        }
    }

    /// <summary>Mean time of the sign-ins and of the chat openings (page and circuit) so far, as each person waited for them.</summary>
    public (double LogInMs, double OpenMs) MeanTimes
    {
        get
        {
            lock (_times)
            {
                return _times.Count == 0 ? (0, 0) : (_times.Average(t => t.LogIn), _times.Average(t => t.Open));
            }
        }
    }

    /// <summary>Signs each person in and opens their chat with their peer, at most parallel at a time.</summary>
    public Task OpenAsync(IEnumerable<(string User, string Peer)> people, int parallel, TimeSpan timeout, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (p, ct) =>
        {
            var person = new Person(baseUri, p.User);
            var start = Stopwatch.GetTimestamp();
            await person.LogInAsync(password, ct);
            var signedIn = Stopwatch.GetTimestamp();
            var circuit = await person.OpenChatAsync(p.Peer, timeout, ct);
            lock (_times)
            {
                _times.Add((Stopwatch.GetElapsedTime(start, signedIn).TotalMilliseconds, Stopwatch.GetElapsedTime(signedIn).TotalMilliseconds));
            }

            _byUser.GetOrAdd(p.User, _ => []).Add(circuit);
            lock (_open)
            {
                _open.Add((p.User, p.Peer, circuit));
            }
        });

    /// <summary>
    /// Sends count messages at perSecond (on a fixed schedule, whether or not earlier ones have arrived) from random open
    /// circuits to their peers; returns each message's time to its last recipient circuit, and the messages that were not
    /// stored or did not arrive within the timeout.
    /// </summary>
    public async Task<SendResult> SendAsync(double perSecond, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var random = new Random(count);
        var latencies = new ConcurrentBag<double>();
        var lost = 0;
        var sends = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var (from, recipients) = PickSender(random);
            var text = $"load {i} {Guid.NewGuid():N}";
            // Timed from when the message was due, so a load client falling behind shows in the figures.
            var sent = start + (long)(i / perSecond * Stopwatch.Frequency);
            sends.Add(Task.Run(async () =>
            {
                using var late = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                late.CancelAfter(timeout);
                var arrivals = recipients.Select(r => r.ExpectAsync(text, late.Token)).ToArray();
                try
                {
                    if (!await from.Circuit.SendAsync(text, late.Token).WaitAsync(late.Token))
                    {
                        Interlocked.Increment(ref lost);
                        return;
                    }

                    var last = (await Task.WhenAll(arrivals)).Max();
                    latencies.Add(Stopwatch.GetElapsedTime(sent, last).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
                {
                    Interlocked.Increment(ref lost);
                }
                finally
                {
                    // Lets go of the recipients' expectations of a message that was refused or never came.
                    await late.CancelAsync();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(sends);
        return new SendResult([.. latencies], lost);
    }

    /// <summary>A random open circuit whose peer has a chat open too.</summary>
    private ((string User, string Peer, ChatCircuit Circuit) From, ChatCircuit[] Recipients) PickSender(Random random)
    {
        lock (_open)
        {
            for (var tries = 0; tries < 1000; tries++)
            {
                var from = _open[random.Next(_open.Count)];
                if (_byUser.TryGetValue(from.Peer, out var recipients) && !recipients.IsEmpty)
                {
                    return (from, [.. recipients]);
                }
            }
        }

        throw new InvalidOperationException("Nobody open has their peer open too.");
    }

    public async ValueTask DisposeAsync()
    {
        List<ChatCircuit> circuits;
        lock (_open)
        {
            circuits = [.. _open.Select(o => o.Circuit)];
            _open.Clear();
        }

        await Parallel.ForEachAsync(circuits, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (c, _) => c.DisposeAsync());
    }
}

public sealed record SendResult(IReadOnlyList<double> LatenciesMs, int Lost);
