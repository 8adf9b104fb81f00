using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public sealed class MessageChangeFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_edit_and_a_delete_for_everyone_are_seen_live_by_the_other_side_and_a_delete_for_me_by_no_one_else()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var aliceLog = aliceSession.Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        var bobLog = bobSession.Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        var box = aliceSession.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await box.FillAsync("See you at 5");
        await box.PressAsync("Enter");
        await box.FillAsync("Bring the slides");
        await box.PressAsync("Enter");
        await Expect(bobLog.Locator(".bm-body")).ToHaveTextAsync(["See you at 5", "Bring the slides"]);
        await bobLog.Locator(".bm-msg").First.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        var bobMenu = bobSession.Page.GetByRole(AriaRole.Menu);
        await Expect(bobMenu.GetByRole(AriaRole.Menuitem, new() { Name = "Report" })).ToBeVisibleAsync();
        await Expect(bobMenu.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await bobMenu.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        var bobsQuestion = bobSession.Page.GetByRole(AriaRole.Dialog);
        await Expect(bobsQuestion.GetByRole(AriaRole.Button, new() { Name = "Delete for everyone" })).ToHaveCountAsync(0);
        await bobsQuestion.GetByRole(AriaRole.Button, new() { Name = "Delete for me" }).ClickAsync();
        await Expect(bobLog.Locator(".bm-body")).ToHaveTextAsync(["Bring the slides"]);
        await Expect(aliceLog.Locator(".bm-body")).ToHaveTextAsync(["See you at 5", "Bring the slides"]);
        await bobSession.Page.ReloadAsync();
        await bobSession.WaitForInteractiveAsync();
        await Expect(bobLog.Locator(".bm-body")).ToHaveTextAsync(["Bring the slides"]);

        await aliceLog.Locator(".bm-msg").First.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        // A draft waits while a message is edited in the box, and comes back after Esc or a save.
        await box.FillAsync("a draft");
        await aliceSession.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" }).ClickAsync();
        await Expect(box).ToHaveValueAsync("See you at 5");
        await box.PressAsync("Escape");
        await Expect(aliceSession.Page.GetByRole(AriaRole.Group, new() { Name = "Editing your message" })).ToHaveCountAsync(0);
        await Expect(box).ToHaveValueAsync("a draft");
        await aliceLog.Locator(".bm-msg").First.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await aliceSession.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" }).ClickAsync();
        await Expect(box).ToHaveValueAsync("See you at 5");
        await box.FillAsync("See you at 6");
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("a draft");
        await box.FillAsync("");

        await Expect(aliceLog.Locator(".bm-msg").First).ToContainTextAsync("See you at 6");
        await Expect(aliceLog.Locator(".bm-msg").First).ToContainTextAsync("edited");

        await aliceLog.Locator(".bm-msg").Last.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await aliceSession.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        await aliceSession.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete for everyone" }).ClickAsync();

        await Expect(bobLog.Locator(".bm-msg").Last).ToContainTextAsync("This message was deleted");
        await Expect(bobLog).Not.ToContainTextAsync("Bring the slides");
        await Expect(aliceLog.Locator(".bm-msg").Last).ToContainTextAsync("This message was deleted");
    }
}
