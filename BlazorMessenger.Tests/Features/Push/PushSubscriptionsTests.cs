using System.Security.Cryptography;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Push;

/// <summary>Subscribed browsers: one's own session only, https push services only, one row per browser, ended with the session.</summary>
[BothDatabases]
public sealed class PushSubscriptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A browser's subscription as PushManager makes it: a P-256 public key and a 16-byte secret.</summary>
    private static PushKeys Browser(string endpoint = "https://fcm.googleapis.com/fcm/send/abc")
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        return new PushKeys(endpoint, WebEncoders.Base64UrlEncode([0x04, .. point.X!, .. point.Y!]), WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)));
    }

    private static Task<string> SessionAsync(ChatTestBed bed, string userId) =>
        bed.Services.Get<SessionService>().StartAsync(userId, "stamp", "Mozilla/5.0 (Android 15; Mobile) Firefox/140.0", "10.0.0.1", Ct);

    [Fact]
    public async Task A_browser_subscribes_for_its_own_session_only_and_is_listed_with_its_name()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var subscriptions = bed.Services.Get<PushSubscriptions>();
        var bobs = await SessionAsync(bed, bed.Bob);
        var phone = Browser();

        Assert.Equal(PushSubscriptions.SessionEnded, (await subscriptions.SubscribeAsync(bed.Alice, bobs, phone, Ct)).Error);
        Assert.Equal(PushSubscriptions.SessionEnded, (await subscriptions.SubscribeAsync(bed.Bob, "no-such-session", phone, Ct)).Error);
        var saved = await subscriptions.SubscribeAsync(bed.Bob, bobs, phone, Ct);

        Assert.True(saved.Succeeded, saved.Error);
        var listed = Assert.Single(await subscriptions.ListAsync(bed.Bob, phone.Endpoint, Ct));
        Assert.Equal(("Firefox on Android", true, null), (listed.Browser, listed.ThisBrowser, listed.LastUsedUtc));
        Assert.Empty(await subscriptions.ListAsync(bed.Alice, phone.Endpoint, Ct));
        Assert.False(await subscriptions.RemoveAsync(bed.Alice, listed.Id, Ct));
        Assert.True(await subscriptions.RemoveAsync(bed.Bob, listed.Id, Ct));
        Assert.Empty(await subscriptions.ListAsync(bed.Bob, null, Ct));
    }

    [Fact]
    public async Task Only_https_push_services_and_well_formed_keys_are_taken_unless_tests_allow_http()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var subscriptions = bed.Services.Get<PushSubscriptions>();
        var session = await SessionAsync(bed, bed.Bob);
        var good = Browser();

        foreach (var bad in new[]
        {
            good with { Endpoint = "http://push.example.com/1" }, good with { Endpoint = "not a url" },
            good with { Endpoint = "https://push.example.com/" + new string('a', 2100) }, good with { P256dh = "AAAA" },
            good with { Auth = "not base64url!" }, good with { Auth = WebEncoders.Base64UrlEncode(new byte[8]) },
        })
        {
            Assert.False((await subscriptions.SubscribeAsync(bed.Bob, session, bad, Ct)).Succeeded, bad.ToString());
        }

        Assert.Null(PushSubscriptions.Problem(good with { Endpoint = "http://127.0.0.1:5000/push/1" }, new PushOptions { AllowInsecureEndpoints = true }));
        Assert.Empty(await subscriptions.ListAsync(bed.Bob, null, Ct));
    }

    [Fact]
    public async Task Subscribing_a_browser_again_keeps_its_row_new_keys_or_someone_else_replace_it_and_the_oldest_go_past_the_limit()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?> { ["Messenger:Push:MaxPerUser"] = "2" });
        var subscriptions = bed.Services.Get<PushSubscriptions>();
        var bobs = await SessionAsync(bed, bed.Bob);
        var shared = Browser("https://push.example.com/shared-laptop");

        var first = (await subscriptions.SubscribeAsync(bed.Bob, bobs, shared, Ct)).Value!;
        // The same row (PostgreSQL keeps microseconds of the time it was made, so the ids are compared).
        Assert.Equal(first.Id, (await subscriptions.SubscribeAsync(bed.Bob, bobs, shared, Ct)).Value!.Id);
        var renewed = (await subscriptions.SubscribeAsync(bed.Bob, bobs, Browser(shared.Endpoint), Ct)).Value!;
        Assert.NotEqual(first.Id, renewed.Id);
        Assert.Single(await subscriptions.ListAsync(bed.Bob, null, Ct));

        // Alice logs in on the same browser: its pushes are hers now.
        Assert.True((await subscriptions.SubscribeAsync(bed.Alice, await SessionAsync(bed, bed.Alice), shared, Ct)).Succeeded);
        Assert.Empty(await subscriptions.ListAsync(bed.Bob, null, Ct));

        foreach (var n in new[] { 1, 2, 3 })
        {
            Assert.True((await subscriptions.SubscribeAsync(bed.Bob, bobs, Browser($"https://push.example.com/{n}"), Ct)).Succeeded);
        }

        Assert.Equal(2, (await subscriptions.ListAsync(bed.Bob, null, Ct)).Count);
    }

    [Fact]
    public async Task Logging_the_session_out_or_deleting_the_account_removes_its_subscription()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var subscriptions = bed.Services.Get<PushSubscriptions>();
        var sessions = bed.Services.Get<SessionService>();
        var laptop = await SessionAsync(bed, bed.Bob);
        var phone = await SessionAsync(bed, bed.Bob);
        await subscriptions.SubscribeAsync(bed.Bob, laptop, Browser("https://push.example.com/laptop"), Ct);
        await subscriptions.SubscribeAsync(bed.Bob, phone, Browser("https://push.example.com/phone"), Ct);

        Assert.True(await sessions.EndAsync(bed.Bob, laptop, Ct));

        Assert.Equal("https://push.example.com/phone", await EndpointsAsync(bed));
        await sessions.EndAllAsync(bed.Bob, Ct);
        Assert.Equal("", await EndpointsAsync(bed));
    }

    private static async Task<string> EndpointsAsync(ChatTestBed bed)
    {
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        return string.Join(",", await db.PushSubscriptions.Select(p => p.Endpoint).ToListAsync(Ct));
    }
}
