using System.Diagnostics.Metrics;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Presence;
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
        var presence = bed.Services.Get<PresenceTracker>();
        _ = bed.Services.Get<BlazorMessenger.Hosting.Operations.MessengerMetrics>();

        recorder.Observe();
        presence.ConnectionUp(bed.Alice);
        presence.ConnectionUp(bed.Alice);
        presence.ConnectionUp(bed.Bob);
        recorder.Observe();

        Assert.Equal([0, 2], recorder.Of("messenger.people.online").Select(m => m.Value));
    }
}
