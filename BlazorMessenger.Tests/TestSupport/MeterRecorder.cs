using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BlazorMessenger.Hosting.Operations;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// What the app's own instruments record, for one service provider: only meters made by its meter factory count, so
/// tests running beside each other do not see each other's measurements.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MeterRecorder(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == MessengerMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of one instrument, oldest first (observable ones after <see cref="Observe"/>).</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>The sum of one instrument's measurements whose tag has the given value.</summary>
    public double Sum(string instrument, string tag, string value) =>
        Of(instrument).Where(m => m.Tags.TryGetValue(tag, out var v) && Equals(v, value)).Sum(m => m.Value);

    /// <summary>Reads the observable instruments now, as an exporter would at a scrape.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public void Dispose() => _listener.Dispose();

    public sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);
}
