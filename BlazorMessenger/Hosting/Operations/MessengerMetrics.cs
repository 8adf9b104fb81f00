using System.Diagnostics.Metrics;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Shared;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>
/// The app's own instruments on the "BlazorMessenger" meter. Recording costs next to nothing until a listener enables an
/// instrument (the OpenTelemetry meter provider does when /metrics or OTLP is on), so callers need no switch of their own.
/// </summary>
public sealed class MessengerMetrics
{
    public const string MeterName = "BlazorMessenger";

    private readonly Counter<long> _messagesStored;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitTime;
    private readonly Histogram<double> _handOffTime;
    private readonly Counter<long> _uploadBytes;
    private readonly Counter<long> _refusals;

    public MessengerMetrics(IMeterFactory meters, PresenceTracker presence)
    {
        var meter = meters.Create(MeterName);
        _messagesStored = meter.CreateCounter<long>("messenger.messages.stored", "{message}", "Messages committed, by kind.");
        _batchSize = meter.CreateHistogram("messenger.writer.batch.size", "{message}", "Sends the message writer took into one transaction.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _commitTime = meter.CreateHistogram("messenger.writer.commit.duration", "ms", "How long the writer's transaction took to commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500] });
        _handOffTime = meter.CreateHistogram("messenger.writer.handoff.duration", "ms",
            "From a batch's commit until its messages were handed to the open circuits.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250] });
        _uploadBytes = meter.CreateCounter<long>("messenger.uploads.size", "By", "Bytes of stored uploads, by kind.");
        _refusals = meter.CreateCounter<long>("messenger.rate_limit.refusals", "{refusal}", "Actions refused by the per-user limits, by action.");
        meter.CreateObservableGauge("messenger.people.online", () => presence.OnlineCount, "{person}",
            "People with a connected tab (or within the grace period after their last one).");
    }

    /// <summary>A writer transaction committed: the sends it took, the kinds of the messages it stored and its commit time.</summary>
    public void BatchCommitted(int sends, IEnumerable<MessageKind> stored, TimeSpan commitTime)
    {
        _batchSize.Record(sends);
        _commitTime.Record(commitTime.TotalMilliseconds);
        if (_messagesStored.Enabled)
        {
            foreach (var kind in stored)
            {
                _messagesStored.Add(1, new KeyValuePair<string, object?>("kind", NameOf(kind)));
            }
        }
    }

    public void HandedOff(TimeSpan sinceCommit) => _handOffTime.Record(sinceCommit.TotalMilliseconds);

    public void Uploaded(Media media) => _uploadBytes.Add(media.Bytes, new KeyValuePair<string, object?>("kind", NameOf(media.Kind)));

    public void Refused(RateLimitedAction action) => _refusals.Add(1, new KeyValuePair<string, object?>("action", NameOf(action)));

    private static string NameOf(MessageKind kind) => kind switch
    {
        MessageKind.Text => "text",
        MessageKind.Image => "image",
        MessageKind.System => "system",
        MessageKind.File => "file",
        MessageKind.Voice => "voice",
        _ => "other",
    };

    private static string NameOf(MediaKind kind) => kind switch
    {
        MediaKind.Image => "image",
        MediaKind.File => "file",
        MediaKind.Voice => "voice",
        _ => "other",
    };

    private static string NameOf(RateLimitedAction action) => action switch
    {
        RateLimitedAction.SendMessage => "send_message",
        RateLimitedAction.AddContact => "add_contact",
        RateLimitedAction.UploadImage => "upload",
        RateLimitedAction.CreateGroup => "create_group",
        RateLimitedAction.ReportTyping => "typing",
        RateLimitedAction.Report => "report",
        RateLimitedAction.React => "react",
        _ => "other",
    };
}
