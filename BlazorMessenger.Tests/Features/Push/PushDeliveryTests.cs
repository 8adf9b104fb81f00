using BlazorMessenger.Data;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Push;

/// <summary>How pushes meet push services that refuse, fail, throttle or hang: open screens never wait for any of it.</summary>
public sealed class PushDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_browser_that_unsubscribed_404_or_410_loses_its_subscription_at_the_first_push()
    {
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings);
        var (_, gone) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, expired) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, kept) = await bed.Services.SubscribedAsync(push, bed.Bob);
        await push.AnswerAsync(gone, 410);
        await push.AnswerAsync(expired, 404);
        await bed.Services.StartPushingAsync();

        await bed.SendAsync(bed.Alice, "hello");
        await bed.Services.SettledAsync();

        var left = Assert.Single(await bed.Services.Get<PushSubscriptions>().ListAsync(bed.Bob, kept.Endpoint, Ct));
        Assert.True(left.ThisBrowser);
        Assert.Equal((1, 2), (bed.Services.Get<PushDelivery>().Counts.Delivered, bed.Services.Get<PushDelivery>().Counts.Failed));
    }

    [Fact]
    public async Task A_failing_push_service_is_tried_again_with_backoff_and_a_throttling_one_after_its_retry_after()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings, time);
        var (_, failing) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, throttling) = await bed.Services.SubscribedAsync(push, bed.Bob);
        await push.AnswerAsync(failing, 503);
        await push.AnswerAsync(throttling, 429, retryAfter: "30");
        await bed.Services.StartPushingAsync();

        await bed.SendAsync(bed.Alice, "try again");
        await Eventually.TrueAsync(async () => (await push.ReceivedAsync()).Count == 2, "Both first tries");
        await push.AnswerAsync(failing, 201);
        await push.AnswerAsync(throttling, 201);

        // The 503 is tried again after a second; the 429 not before its Retry-After.
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await push.ReceivedAsync(failing)).Count == 2, "The second try after a 503");
        Assert.Single(await push.ReceivedAsync(throttling));
        time.Advance(TimeSpan.FromSeconds(29));
        await Eventually.TrueAsync(async () => (await push.ReceivedAsync(throttling)).Count == 2, "The second try after Retry-After");
        await bed.Services.SettledAsync();
        Assert.Equal((2L, 0L), bed.Services.Get<PushDelivery>().Counts);
    }

    [Fact]
    public async Task A_push_service_that_hangs_delays_neither_open_screens_nor_other_browsers_and_is_given_up_after_its_tries()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings, time);
        var (_, hanging) = await bed.Services.SubscribedAsync(push, bed.Bob);
        var (_, working) = await bed.Services.SubscribedAsync(push, bed.Bob);
        await push.AnswerAsync(hanging, hang: true);
        await bed.Services.StartPushingAsync();
        using var bobsTab = new HubRecorder(bed.Hub, bed.Bob);

        var first = await bed.SendAsync(bed.Alice, "one");
        await Eventually.TrueAsync(async () => (await push.ReceivedAsync(working)).Count == 1, "The working browser's push");
        var second = await bed.SendAsync(bed.Alice, "two");
        await Eventually.TrueAsync(async () => (await push.ReceivedAsync(working)).Count == 2, "The next push while the other hangs");
        Assert.Equal([first.Seq, second.Seq], bobsTab.OfType<MessagePosted>().Select(m => m.Message.Seq));

        var delivery = bed.Services.Get<PushDelivery>();
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return delivery.Counts.Failed == 2;
        }, "Giving up on the hanging push service");
        Assert.Equal(2, delivery.Counts.Delivered);
        Assert.Equal(2 * 3, (await push.ReceivedAsync(hanging)).Count);
    }

    [Fact]
    public async Task A_subscription_made_for_another_VAPID_key_is_dropped_instead_of_sent()
    {
        await using var push = await PushService.StartAsync();
        await using var bed = await ChatTestBed.CreateAsync(PushTesting.Settings);
        var (_, browser) = await bed.Services.SubscribedAsync(push, bed.Bob);
        await using (var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.PushSubscriptions.ExecuteUpdateAsync(s => s.SetProperty(p => p.VapidKey, "an-earlier-key"), Ct);
        }

        await bed.Services.StartPushingAsync();
        await bed.SendAsync(bed.Alice, "hello");
        await bed.Services.SettledAsync();

        Assert.Empty(await push.ReceivedAsync(browser));
        Assert.Empty(await bed.Services.Get<PushSubscriptions>().ListAsync(bed.Bob, null, Ct));
    }
}
