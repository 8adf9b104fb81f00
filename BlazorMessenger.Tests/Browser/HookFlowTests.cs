using System.Text.RegularExpressions;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>An incoming webhook made in Group info, posted to by Slack's own sender (npm, unmodified), live on members' screens.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class HookFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_webhook_made_in_group_info_posts_a_card_live_on_every_members_screen_under_the_name_it_asks_for()
    {
        var (alice, bob) = await browser.PairAsync();
        var groupId = (await browser.App.Services.GetRequiredService<GroupService>()
            .CreateAsync(await browser.IdOfAsync(alice), "Releases", [bob], TestContext.Current.CancellationToken)).Value;
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/group/{groupId}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/group/{groupId}");
        var page = aliceSession.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Group info" }).ClickAsync();
        var info = page.GetByRole(AriaRole.Dialog, new() { Name = "Group info" });
        await info.GetByRole(AriaRole.Tab, new() { Name = "Integrations" }).ClickAsync();
        await info.GetByRole(AriaRole.Button, new() { Name = "Add incoming webhook" }).ClickAsync();
        await Expect(info.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await info.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(info.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give the webhook a name.");
        await info.GetByLabel("Name", new() { Exact = true }).FillAsync("Deploys");
        await info.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var urlBox = info.GetByRole(AriaRole.Textbox, new() { Name = "Webhook URL" });
        await Expect(urlBox).ToHaveValueAsync(new Regex(@"^http://127\.0\.0\.1:\d+/hooks/[a-z0-9]{26}$"));
        await Expect(urlBox).ToHaveAttributeAsync("readonly", "");
        await Expect(info.GetByRole(AriaRole.Button, new() { Name = "Copy webhook url" })).ToBeVisibleAsync();
        await Expect(info.GetByRole(AriaRole.List, new() { Name = "Incoming webhooks" })).ToContainTextAsync("Deploys");
        var url = await urlBox.InputValueAsync();

        var payload = """
            {"text":"Release *2.1* is out","username":"ci","icon_emoji":":rocket:","attachments":[{"color":"good","title":"Pipeline 812",
             "title_link":"https://ci.example.com/812","text":"All _12_ checks passed","fields":[{"title":"branch","value":"main","short":true}],
             "footer":"CI","ts":1700000000}]}
            """;
        var lines = await NodeClient.RunAsync("slack-webhook.js", new Dictionary<string, string> { ["HOOK_URL"] = url, ["PAYLOAD"] = payload });
        Assert.Equal(["answer: ok"], lines);

        foreach (var log in new[] { bobSession.Page.MessageLog(), page.MessageLog() })
        {
            var post = log.GetByRole(AriaRole.Article, new() { Name = "ci, app, via Deploys:" });
            await Expect(post).ToBeVisibleAsync();
            await Expect(post.Locator(".bm-body strong")).ToHaveTextAsync("2.1");
            await Expect(post.GetByRole(AriaRole.Link, new() { Name = "Pipeline 812" })).ToHaveAttributeAsync("href", "https://ci.example.com/812");
            await Expect(post).ToContainTextAsync("branch");
            await Expect(post.Locator(".bm-card em")).ToHaveTextAsync("12");
            await Expect(post.Locator(".bm-sender")).ToContainTextAsync("ci");
            await Expect(post.Locator(".bm-sender .bm-via")).ToHaveTextAsync("Deploys");
        }

        await Expect(bobSession.Page.MessageLog().Locator(".bm-emoji-avatar")).ToHaveTextAsync("🚀");

        // A direct chat's webhooks are in its menu, for either person; its posts are named there, though a direct chat
        // names nobody else.
        await page.GotoAsync($"/chat/{bob}");
        await aliceSession.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"More about {bob}" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Integrations" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Integrations" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add incoming webhook" }).ClickAsync();
        await Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Alice's scripts");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var direct = await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Webhook URL" }).InputValueAsync();
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(["answer: ok"], await NodeClient.RunAsync("slack-webhook.js",
            new Dictionary<string, string> { ["HOOK_URL"] = direct, ["PAYLOAD"] = "{\"text\":\"backup done\"}" }));
        await Expect(page.MessageLog().GetByRole(AriaRole.Article, new() { Name = "Alice's scripts, app:" })).ToContainTextAsync("backup done");
    }
}
