using System.Diagnostics.Metrics;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Hosting.Operations;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Hosting.Operations;

public sealed class MessengerMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refusal_by_a_per_user_limit_is_counted_by_action()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:ContactAddBurst"] = "1",
            ["Messenger:RateLimits:ContactAddsPerMinute"] = "1",
        });
        using var recorder = new MeterRecorder(bed.Services.Get<IMeterFactory>());

        var refused = await bed.Services.Get<ContactService>().AddAsync(bed.Alice, "carol", Ct);

        Assert.False(refused.Succeeded);
        Assert.Equal(1, recorder.Sum("messenger.rate_limit.refusals", "action", "add_contact"));
        Assert.Equal(0, recorder.Sum("messenger.rate_limit.refusals", "action", "send_message"));
    }

    [Fact]
    public async Task A_sent_message_is_counted_by_kind_with_its_batch_commit_and_hand_off()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var recorder = new MeterRecorder(bed.Services.Get<IMeterFactory>());

        await bed.SendAsync(bed.Alice, "hello");

        Assert.Equal(1, recorder.Sum("messenger.messages.stored", "kind", "text"));
        Assert.Equal([1.0], recorder.Of("messenger.writer.batch.size").Select(m => m.Value));
        Assert.Single(recorder.Of("messenger.writer.commit.duration"), m => m.Value > 0);
        // The hand-off is measured once the sends are completed, so the test may read before the writer records it.
        await Eventually.TrueAsync(() => recorder.Of("messenger.writer.handoff.duration").Any(), "the writer recording its hand-off");
        Assert.Single(recorder.Of("messenger.writer.handoff.duration"), m => m.Value >= 0);
    }

    [Fact]
    public async Task An_uploaded_file_counts_its_bytes_once_even_when_its_send_is_repeated()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var recorder = new MeterRecorder(bed.Services.Get<IMeterFactory>());
        var clientId = Guid.NewGuid();

        foreach (var attempt in new[] { 1, 2 })
        {
            using var content = new MemoryStream(new byte[1234]);
            var sent = await bed.Attachments.SendFileAsync(bed.Alice, bed.ConversationId, clientId, new FileUpload(content, "notes.txt", "text/plain"), null, ct: Ct);
            Assert.True(sent.Succeeded, sent.Error);
        }

        Assert.Equal(1234, recorder.Sum("messenger.uploads.size", "kind", "file"));
        Assert.Equal(1, recorder.Sum("messenger.messages.stored", "kind", "file"));
    }

    [Fact]
    public async Task A_stored_picture_counts_its_bytes_as_an_image_upload()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var recorder = new MeterRecorder(bed.Services.Get<IMeterFactory>());

        var saved = await bed.Services.Get<Pictures>().SaveAsync(bed.Alice, TestImages.Png(), Ct);

        Assert.True(saved.Succeeded, saved.Error);
        Assert.True(saved.Value!.Bytes > 0);
        Assert.Equal(saved.Value.Bytes, recorder.Sum("messenger.uploads.size", "kind", "image"));
    }

    [Fact]
    public async Task People_online_are_read_from_presence_at_each_observation()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var recorder = new MeterRecorder(bed.Services.Get<IMeterFactory>());
        using var bobsTab = new HubRecorder(bed.Hub, bed.Bob);
        var presence = bed.Services.Get<PresenceTracker>();
        bed.Services.Get<MessengerMetrics>();

        recorder.Observe();
        presence.ConnectionUp(bed.Alice);
        presence.ConnectionUp(bed.Alice);
        recorder.Observe();
        await Eventually.TrueAsync(() => bobsTab.OfType<PresenceChanged>().Count == 1, "the online announcement");

        Assert.Equal([0, 1], recorder.Of("messenger.people.online").Select(m => m.Value));
    }
}
