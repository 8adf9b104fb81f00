using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ProfileFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_new_display_name_and_picture_appear_in_the_other_persons_open_tab()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await using var aliceSession = await browser.LoggedInAsync(alice);
        var page = aliceSession.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = $"Account menu for {alice}" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Display name" }).FillAsync("Alice Wonder");
        await page.GetByLabel("Profile picture").SetInputFilesAsync(
            new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestImages.Png(300, 200) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Profile saved.")).ToBeVisibleAsync();

        var header = bobSession.Page.GetByRole(AriaRole.Heading, new() { Name = "Alice Wonder" });
        await Expect(header).ToBeVisibleAsync();
        var conversations = bobSession.Page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });
        await Expect(conversations).ToContainTextAsync("Alice Wonder");
        await Expect(conversations.Locator("img[src^='avatars/']")).ToHaveCountAsync(1);

        await bobSession.Page.GetByRole(AriaRole.Button, new() { Name = "Show profile of Alice Wonder" }).ClickAsync();
        var card = bobSession.Page.GetByRole(AriaRole.Dialog);
        await Expect(card).ToContainTextAsync($"@{alice}");
        await Expect(card.GetByAltText("Profile picture of Alice Wonder")).ToBeVisibleAsync();
    }
}
