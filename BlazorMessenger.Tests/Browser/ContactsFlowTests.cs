using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(ThirdBrowserCollection.Name)]
public sealed class ContactsFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_long_contact_list_is_searchable_and_removing_asks_first_and_keeps_the_conversation()
    {
        var owner = BrowserPeople.NewUserName("owner");
        var ownerId = await browser.CreateAsync(owner);
        var friends = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var friend = BrowserPeople.NewUserName(i == 3 ? "zed" : "pal");
            await browser.CreateAsync(friend);
            await browser.ConnectAsync(ownerId, friend);
            friends.Add(friend);
        }

        await using var session = await browser.LoggedInAsync(owner, "/contacts");
        var page = session.Page;
        var rows = page.Locator(".bm-contact-row");
        await Expect(rows).ToHaveCountAsync(8);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search contacts" }).FillAsync("zed");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(friends[3]);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {friends[3]}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {friends[3]}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(0);

        var conversations = page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });
        await Expect(conversations.GetByRole(AriaRole.Link, new() { Name = friends[3] })).ToBeVisibleAsync();
    }
}
