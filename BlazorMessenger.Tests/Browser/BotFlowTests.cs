using System.Text.RegularExpressions;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>A bot made in Settings, run by telegraf (npm, unmodified), answering live on people's open screens.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class BotFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_bot_made_in_settings_answers_in_a_direct_chat_and_in_a_group_live_on_every_members_screen()
    {
        var (alice, bob) = await browser.PairAsync();
        var (aliceId, botName) = (await browser.IdOfAsync(alice), BrowserPeople.NewUserName("echo") + "_bot");
        await using var aliceSession = await browser.LoggedInAsync(alice, "/settings");
        var page = aliceSession.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "New bot" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        // The dialog puts the caret in "Name" as it opens: typing elsewhere before then would land there (a CI run under
        // load named the bot "Echoecho").
        await Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Echo");
        await dialog.GetByLabel("Username").FillAsync("echo");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("ends in \"bot\"");
        await dialog.GetByLabel("Username").FillAsync(botName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var tokenBox = page.GetByRole(AriaRole.Textbox, new() { Name = "Token" });
        await Expect(tokenBox).ToHaveValueAsync(new Regex(@"^\d+:[A-Za-z0-9_-]{35,}$"));
        await Expect(tokenBox).ToHaveAttributeAsync("readonly", "");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy token" })).ToBeVisibleAsync();
        var token = await tokenBox.InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Your bots" })).ToContainTextAsync($"@{botName}");

        await using var bot = NodeClient.Start("telegraf-echo.js", new Dictionary<string, string> { ["BOT_TOKEN"] = token, ["API_ROOT"] = browser.BaseUrl });
        await bot.WaitForLineAsync("ready");

        await page.GotoAsync("/");
        await aliceSession.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Username").FillAsync(botName);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{botName}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Echo bot");
        await Expect(page.GetByTestId("presence-status")).ToHaveTextAsync("bot");
        await aliceSession.WaitForInteractiveAsync();
        await page.TypeAndSendAsync("hello there");
        await Expect(page.MessageLog()).ToContainTextAsync("echo: hello there");
        // It took the message (delivered) and answered it, which reads what came before, as a person's answer does.
        await Expect(page.MessageLog().Locator(".bm-msg", new() { HasText = "hello there" }).First.Locator("[data-receipt]"))
            .ToHaveAttributeAsync("data-receipt", "Read");

        var groupId = (await browser.App.Services.GetRequiredService<GroupService>()
            .CreateAsync(aliceId, "Builds", [bob, botName], TestContext.Current.CancellationToken)).Value;
        await using var bobSession = await browser.LoggedInAsync(bob, $"/group/{groupId}");
        await page.GotoAsync($"/group/{groupId}");
        await aliceSession.WaitForInteractiveAsync();
        await page.TypeAndSendAsync("chatter for people");
        await page.TypeAndSendAsync("/ping");
        var bobsLog = bobSession.Page.MessageLog();
        var pong = bobsLog.Locator(".bm-msg", new() { HasText = "pong" });
        await Expect(pong).ToBeVisibleAsync();
        await Expect(pong.GetByRole(AriaRole.Article)).ToHaveCountAsync(0);
        await Expect(bobsLog.GetByRole(AriaRole.Article, new() { Name = "Echo, bot:" })).ToContainTextAsync("pong");
        await Expect(page.MessageLog()).ToContainTextAsync("pong");
        await Expect(bobsLog).Not.ToContainTextAsync("echo: chatter");
    }
}
