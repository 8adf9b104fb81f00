using System.Diagnostics;
using System.Text.RegularExpressions;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(ThirdBrowserCollection.Name)]
public sealed class ChatFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Adding_a_contact_opens_the_chat_and_the_first_message_reaches_the_stranger_live_as_a_request()
    {
        var (alice, bob) = (BrowserPeople.NewUserName("alice"), BrowserPeople.NewUserName("bob"));
        await browser.CreateAsync(alice);
        await browser.CreateAsync(bob);
        await using var aliceSession = await browser.LoggedInAsync(alice);
        await using var bobSession = await browser.LoggedInAsync(bob);

        await aliceSession.Page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        var dialog = aliceSession.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Username").FillAsync("nobody_here");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("There is no user named 'nobody_here'.");
        await dialog.GetByLabel("Username").FillAsync(bob);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        await Expect(aliceSession.Page).ToHaveURLAsync(new Regex($"/chat/{bob}$"));
        var bobsList = Conversations(bobSession.Page);
        var requests = bobsList.GetByRole(AriaRole.Button, new() { Name = "Message requests (1)" });
        await Expect(requests).ToHaveCountAsync(0);
        await aliceSession.WaitForInteractiveAsync();
        await aliceSession.Page.TypeAndSendAsync("hi, it's alice from work");

        await requests.ClickAsync();
        await Expect(bobsList.GetByRole(AriaRole.List, new() { Name = "Message requests" }).GetByRole(AriaRole.Link, new() { Name = alice }))
            .ToBeVisibleAsync();
        await Expect(bobsList.GetByRole(AriaRole.Link, new() { Name = alice })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_message_reaches_every_tab_of_the_recipient_and_the_senders_other_tab_without_reload()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var aliceSecondTab = await aliceSession.OpenTabAsync($"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var bobSecondTab = await bobSession.OpenTabAsync("/");

        var watch = Stopwatch.StartNew();
        await SendAsync(aliceSession.Page, "Hello Bob, are you there?");
        await Expect(Log(bobSession.Page)).ToContainTextAsync("Hello Bob, are you there?");
        var delivered = watch.Elapsed;
        TestContext.Current.SendDiagnosticMessage($"Tab-to-tab delivery seen after {delivered.TotalMilliseconds:F0} ms (Playwright polling included).");

        await Expect(Log(aliceSecondTab)).ToContainTextAsync("Hello Bob, are you there?");
        await Expect(Conversations(bobSecondTab).GetByRole(AriaRole.Link, new() { Name = alice }))
            .ToContainTextAsync("Hello Bob, are you there?");
        await bobSecondTab.GetByRole(AriaRole.Link, new() { Name = alice }).ClickAsync();
        await Expect(Log(bobSecondTab)).ToContainTextAsync("Hello Bob, are you there?");

        await SendAsync(bobSession.Page, "Yes!");
        await Expect(Log(aliceSession.Page)).ToContainTextAsync("Yes!");
        await Expect(Log(aliceSecondTab)).ToContainTextAsync("Yes!");
        await Expect(Log(bobSecondTab)).ToContainTextAsync("Yes!");
        await Expect(Log(bobSession.Page).Locator(".bm-msg")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Enter_sends_shift_enter_breaks_the_line_and_a_too_long_message_stays_in_the_box()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = aliceSession.Page;
        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

        await box.FillAsync("first line");
        await box.PressAsync("Shift+Enter");
        await box.PressSequentiallyAsync("second line");
        await box.PressAsync("Enter");
        await Expect(Log(page).Locator(".bm-body")).ToHaveTextAsync("first line\nsecond line");
        await Expect(box).ToHaveValueAsync("");

        await box.FillAsync("   ");
        await box.PressAsync("Enter");
        var tooLong = new string('x', 4001);
        await box.FillAsync(tooLong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("A message can have at most 4,000 characters.");
        await Expect(box).ToHaveValueAsync(tooLong);
        await Expect(Log(page).Locator(".bm-msg")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Script_like_text_is_shown_as_text()
    {
        const string script = "<img src=x onerror=alert(1)>";
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var dialogs = 0;
        bobSession.Page.Dialog += (_, _) => dialogs++;

        await SendAsync(aliceSession.Page, script);

        await Expect(Log(bobSession.Page).Locator(".bm-body")).ToHaveTextAsync(script);
        await Expect(Log(bobSession.Page).Locator("img")).ToHaveCountAsync(0);
        await Expect(Conversations(bobSession.Page).Locator("img")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Messages_sent_while_someone_is_offline_wait_for_them_in_order_with_the_unread_count()
    {
        var (alice, bob) = await browser.PairAsync();
        await using (var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}"))
        {
            foreach (var text in new[] { "one", "two", "three" })
            {
                await SendAsync(aliceSession.Page, text);
                await Expect(Log(aliceSession.Page)).ToContainTextAsync(text);
            }
        }

        await using var bobSession = await browser.LoggedInAsync(bob);
        var entry = Conversations(bobSession.Page).GetByRole(AriaRole.Link, new() { Name = alice });
        await Expect(entry.GetByLabel("3 unread")).ToBeVisibleAsync();
        await Expect(bobSession.Page).ToHaveTitleAsync("(3) BlazorMessenger");

        await entry.ClickAsync();

        await Expect(Log(bobSession.Page).Locator(".bm-body")).ToHaveTextAsync(["one", "two", "three"]);
        await Expect(entry.GetByLabel("3 unread")).ToHaveCountAsync(0);
        await Expect(bobSession.Page).ToHaveTitleAsync("BlazorMessenger");
    }

    [Fact]
    public async Task Presence_goes_offline_when_every_tab_closes_and_online_when_they_return()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var status = bobSession.Page.GetByTestId("presence-status");
        var aliceSession = await browser.LoggedInAsync(alice);
        await aliceSession.OpenTabAsync($"/chat/{bob}");
        await Expect(status).ToHaveTextAsync("online");
        await Expect(Conversations(bobSession.Page).GetByRole(AriaRole.Img, new() { Name = "online" })).ToBeVisibleAsync();

        await aliceSession.DisposeAsync();

        await Expect(status).ToHaveTextAsync(new Regex("^last seen"), new() { Timeout = 10_000 });
        await Expect(Conversations(bobSession.Page).GetByRole(AriaRole.Img, new() { Name = "offline" })).ToBeVisibleAsync();

        await using var aliceAgain = await browser.LoggedInAsync(alice);
        await Expect(status).ToHaveTextAsync("online");
    }

    [Fact]
    public async Task Someone_outside_a_conversation_who_opens_its_address_sees_none_of_it()
    {
        var (alice, bob) = await browser.PairAsync();
        var carol = BrowserPeople.NewUserName("carol");
        await browser.CreateAsync(carol);
        await using (var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}"))
        {
            await SendAsync(aliceSession.Page, "for Bob only");
            await Expect(Log(aliceSession.Page)).ToContainTextAsync("for Bob only");
        }

        await using var carolSession = await browser.LoggedInAsync(carol, $"/chat/{bob}");

        await Expect(carolSession.Page.GetByRole(AriaRole.Heading, new() { Name = $"No conversation with {bob}" })).ToBeVisibleAsync();
        await Expect(carolSession.Page.GetByText("for Bob only")).ToHaveCountAsync(0);
        await Expect(carolSession.Page.GetByRole(AriaRole.Log)).ToHaveCountAsync(0);
        Assert.DoesNotContain("for Bob only", await carolSession.Page.ContentAsync());
    }

    private static ILocator Log(IPage page) => page.GetByRole(AriaRole.Log, new() { Name = "Messages" });

    private static ILocator Conversations(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }
}
