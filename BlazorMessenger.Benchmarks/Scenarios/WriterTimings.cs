using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BlazorMessenger.Hosting.Operations;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// The writer's own figures, read from its instruments while a scenario runs: how long each transaction took to commit,
/// and from the commit until its messages were handed to the open circuits (the rest, to the recipient's screen, is render).
/// Only the given app's meters (its meter factory's): a listener on every meter of the name would also switch on the
/// instruments of other apps in the process (the test suite runs this scenario beside apps whose metrics are off).
/// </summary>
public sealed class WriterTimings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _commits = new();
    private readonly ConcurrentQueue<double> _handOffs = new();

    public WriterTimings(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == MessengerMetrics.MeterName
                && instrument.Name is "messenger.writer.commit.duration" or "messenger.writer.handoff.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            (instrument.Name == "messenger.writer.commit.duration" ? _commits : _handOffs).Enqueue(value));
        _listener.Start();
    }

    /// <summary>What was recorded since the last call, in milliseconds.</summary>
    public (List<double> Commits, List<double> HandOffs) Take() => (Drain(_commits), Drain(_handOffs));

    private static List<double> Drain(ConcurrentQueue<double> queue)
    {
        var values = new List<double>();
        while (queue.TryDequeue(out var value))
        {
            values.Add(value);
        }

        return values;
    }

    public void Dispose() => _listener.Dispose();
}
