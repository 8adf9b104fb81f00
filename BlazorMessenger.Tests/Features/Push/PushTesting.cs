using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Push;

/// <summary>What the push tests share: the settings that let a local push service in, and a signed-in, subscribed browser.</summary>
internal static class PushTesting
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Messenger:Push:AllowInsecureEndpoints"] = "true",
        ["Messenger:Push:VapidSubject"] = "mailto:ops@example.com",
        ["Messenger:Push:TimeoutSeconds"] = "2",
        ["Messenger:Push:MaxAttempts"] = "3",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new session of the person (a browser that logged in) and its push subscription; answers both.</summary>
    public static async Task<(string SessionId, PushKeys Browser)> SubscribedAsync(this TestServices services, PushService push, string userId)
    {
        var session = await services.Get<SessionService>().StartAsync(userId, "stamp", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36", "127.0.0.1", Ct);
        var browser = await push.SubscribeAsync();
        var saved = await services.Get<PushSubscriptions>().SubscribeAsync(userId, session, browser, Ct);
        Assert.True(saved.Succeeded, saved.Error);
        return (session, browser);
    }

    /// <summary>Starts the push sender, as the app's host does.</summary>
    public static async Task<PushSender> StartPushingAsync(this TestServices services)
    {
        var sender = services.Get<PushSender>();
        await sender.StartAsync(Ct);
        return sender;
    }

    /// <summary>Waits until the sender decided every job queued so far and every push it started has ended.</summary>
    public static Task SettledAsync(this TestServices services) =>
        Eventually.TrueAsync(
            () => services.Get<PushSender>().Decided >= services.Get<PushQueue>().Added && services.Get<PushDelivery>().InFlight == 0,
            "Every push job decided and its pushes ended");
}
