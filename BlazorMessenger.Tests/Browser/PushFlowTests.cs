using System.Text.Json;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>
/// The installable app and its pushes in Chromium: Chromium's own installability check, the shell that opens without a
/// network, the service worker's rules for pushes (delivered through the DevTools protocol, as a push service would),
/// and a tab telling the server what it shows.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class PushFlowTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chromium_finds_the_app_installable_and_an_installed_app_opens_to_its_shell_saying_Connecting_without_a_network()
    {
        var profile = TempDirectory.NewPath("bm-profile");
        try
        {
            await using var context = await browser.NewProfileAsync(profile);
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
            var cdp = await context.NewCDPSessionAsync(page);
            var errors = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value.GetProperty("installabilityErrors");
            Assert.True(errors.GetArrayLength() == 0, $"Chromium says the app is not installable: {errors}");

            var manifest = (await (await page.APIRequest.GetAsync("manifest.webmanifest")).JsonAsync())!.Value;
            Assert.Equal(("BlazorMessenger", "standalone"), (manifest.GetProperty("name").GetString(), manifest.GetProperty("display").GetString()));
            Assert.Equal(["192x192 any", "512x512 any", "512x512 maskable"],
                manifest.GetProperty("icons").EnumerateArray().Select(i => $"{i.GetProperty("sizes").GetString()} {i.GetProperty("purpose").GetString()}").Order());

            // Reloaded once the worker controls the page, then cut off: the shell, not Chromium's offline page.
            await page.ReloadAsync();
            await context.SetOfflineAsync(true);
            await page.GotoAsync("/chat/someone");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connecting…");
            await context.SetOfflineAsync(false);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            TempDirectory.Delete(profile);
        }
    }

    [Fact]
    public async Task The_service_worker_shows_a_message_once_per_device_never_for_the_chat_on_screen_and_closes_it_once_read()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await session.Context.GrantPermissionsAsync(["notifications"], new() { Origin = session.BaseUrl });
        var page = session.Page;
        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await page.WaitForFunctionAsync("() => !!navigator.serviceWorker.controller");
        var cdp = await session.Context.NewCDPSessionAsync(page);
        string? registrationId = null;
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var registration in e!.Value.GetProperty("registrations").EnumerateArray().Where(r => !r.GetProperty("isDeleted").GetBoolean()))
            {
                registrationId = registration.GetProperty("registrationId").GetString();
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        await Eventually.TrueAsync(() => registrationId is not null, "The service worker's registration");

        Task PushAsync(object payload) => cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = session.BaseUrl, ["registrationId"] = registrationId!, ["data"] = JsonSerializer.Serialize(payload),
        });
        Task<string[]> ShownAsync() => page.EvaluateAsync<string[]>(
            "async () => (await (await navigator.serviceWorker.ready).getNotifications()).map(n => `${n.tag} ${n.data.seq} ${n.title}: ${n.body}`)");
        Task ExpectShownAsync(params string[] expected) =>
            Eventually.TrueAsync(async () => (await ShownAsync()).SequenceEqual(expected), $"Showing exactly [{string.Join(" | ", expected)}]");
        var onScreen = new { type = "message", tag = "bm-conversation-1", conversationId = 1, seq = 3, title = alice, body = "on screen", icon = "favicon.png", url = $"chat/{alice}" };
        var elsewhere = new { type = "message", tag = "bm-conversation-9", conversationId = 9, seq = 5, title = "Trip", body = "mia: hi", icon = "favicon.png", url = "group/9" };

        await PushAsync(onScreen);
        await PushAsync(elsewhere);
        await ExpectShownAsync("bm-conversation-9 5 Trip: mia: hi");

        // The same message again, from a push or from a hidden tab of this browser: still one notification.
        await PushAsync(elsewhere);
        await page.EvaluateAsync("n => navigator.serviceWorker.controller.postMessage({ type: 'show', notification: n })", elsewhere);
        await PushAsync(elsewhere with { seq = 6, body = "mia: newer" });
        await ExpectShownAsync("bm-conversation-9 6 Trip: mia: newer");

        // Read somewhere up to 6: it goes, and a late push of an older message does not bring it back.
        await PushAsync(new { type = "read", tag = "bm-conversation-9", conversationId = 9, seq = 6 });
        await ExpectShownAsync();
        await PushAsync(elsewhere);
        await PushAsync(onScreen with { url = "group/9", tag = "bm-conversation-9", seq = 7, body = "after reading" });
        await ExpectShownAsync($"bm-conversation-9 7 {alice}: after reading");
    }

    [Fact]
    public async Task A_tab_tells_the_server_what_it_shows_so_the_push_comes_only_once_the_chat_is_off_screen_and_reading_closes_it()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var push = await PushService.StartAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        // Bob's browser has no push service here (Chromium reaches none offline): his session's subscription is the
        // test push service's, as his phone's would be.
        var services = browser.App.Services;
        var bobId = await browser.IdOfAsync(bob);
        var sessionId = Assert.Single(await services.GetRequiredService<SessionService>().ListAsync(bobId, null, Ct)).Id;
        var phone = await push.SubscribeAsync();
        Assert.True((await services.GetRequiredService<PushSubscriptions>().SubscribeAsync(bobId, sessionId, phone, Ct)).Succeeded);

        await aliceSession.Page.TypeAndSendAsync("seen on screen");
        await Expect(bobSession.Page.MessageLog()).ToContainTextAsync("seen on screen");
        await bobSession.Page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).First.ClickAsync();
        await Expect(bobSession.Page).ToHaveURLAsync(bobSession.BaseUrl + "/contacts");
        await aliceSession.Page.TypeAndSendAsync("while you look elsewhere");

        await Eventually.TrueAsync(async () => (await push.ReceivedAsync(phone)).Count == 1, "The push for the message sent off screen");
        var received = Assert.Single(await push.ReceivedAsync(phone));
        Assert.True(received.VapidValid, received.VapidError);
        Assert.Equal(("message", "while you look elsewhere"), (received.Type, received.Payload!.Value.GetProperty("body").GetString()));

        await bobSession.Page.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice }).ClickAsync();
        await Eventually.TrueAsync(async () => (await push.ReceivedAsync(phone)).Any(p => p.Type == "read"), "Reading closing the notification");
    }
}
