using System.Text.RegularExpressions;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(ThirdBrowserCollection.Name)]
public sealed class SearchFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Searching_finds_a_message_500_messages_back_and_jumps_to_it_with_its_surroundings()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 600, i => i == 100 ? "the zebracorn password is tulip" : $"message {i}");
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = session.Page;
        var log = page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        await Expect(log.Locator(".bm-msg").Last).ToContainTextAsync("message 600");

        await page.GetByLabel("Search messages").FillAsync("zebracorn");
        var results = page.GetByRole(AriaRole.Region, new() { Name = "Search results" });
        await Expect(results.Locator("mark")).ToHaveTextAsync("zebracorn");
        await results.GetByRole(AriaRole.Button).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"\?at=100$"));
        var target = log.Locator(".bm-msg[data-seq='100']");
        await Expect(target).ToContainTextAsync("the zebracorn password is tulip");
        await Expect(target).ToHaveClassAsync(new Regex("bm-target"));
        await Expect(target).ToBeInViewportAsync();
        // Only the log scrolled: the page, the shell and the main pane did not (the header stays under the app bar).
        Assert.Equal(new[] { 0, 0, 0 }, await page.EvaluateAsync<int[]>(
            "() => [document.scrollingElement.scrollTop, document.querySelector('.bm-shell').scrollTop, document.querySelector('.bm-main').scrollTop]"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = alice })).ToBeInViewportAsync();
        await Expect(log.Locator(".bm-msg[data-seq='99']")).ToHaveCountAsync(1);
        await Expect(log.Locator(".bm-msg[data-seq='101']")).ToHaveCountAsync(1);
        await Expect(log.Locator(".bm-msg[data-seq='600']")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("phone", "Enter")]
    [InlineData("desktop", "ArrowDown")]
    public async Task Searching_a_chat_fills_the_header_on_a_phone_and_Enter_or_down_goes_to_the_first_hit(string screen, string key)
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 80, i => i is 10 or 20 ? $"the walrus said {i}" : $"message {i}");
        var device = screen == "phone" ? Screen.Phone : Screen.Desktop;
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}", screen: device);
        var page = session.Page;
        if (device.Touch)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open message search" }).TapAsync();
        }

        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Search messages" });
        await box.FillAsync("walrus");
        var results = page.GetByRole(AriaRole.Region, new() { Name = "Search results" });
        await Expect(results.Locator("mark")).ToHaveCountAsync(2);
        if (device.Touch)
        {
            var field = await box.BoundingBoxAsync();
            Assert.True(field is { Width: >= 250 }, $"The search box is {field?.Width} px wide on a 390 px phone.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = alice })).ToBeHiddenAsync();
            await Expect(results).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(results).ToHaveJSPropertyAsync("offsetWidth", Screen.Phone.Width);
        }

        // The newest hit first: Enter opens it, ↓ moves to it (and Enter there opens it).
        await box.PressAsync(key);
        if (key == "ArrowDown")
        {
            await Expect(results.GetByRole(AriaRole.Button).First).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
        }

        await Expect(page).ToHaveURLAsync(new Regex(@"\?at=20$"));
        await Expect(page.MessageLog().Locator(".bm-msg[data-seq='20']")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task The_global_search_finds_messages_across_conversations_and_opens_them()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 30, i => i == 7 ? "quokka sighting at the lake" : $"message {i}");
        await using var session = await browser.LoggedInAsync(bob);

        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Search all messages" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Textbox, new() { Name = "Search all messages" }).FillAsync("quok");
        var hit = session.Page.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Link);
        await Expect(hit).ToContainTextAsync(alice);
        await hit.ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new Regex($"/chat/{alice}\\?at=7$"));
        await Expect(session.Page.GetByRole(AriaRole.Log).Locator(".bm-msg[data-seq='7']")).ToContainTextAsync("quokka sighting");
    }

    [Fact]
    public async Task A_global_search_hit_in_a_group_shows_who_wrote_it_and_when()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var ct = TestContext.Current.CancellationToken;
        var groupId = (await browser.App.Services.GetRequiredService<GroupService>().CreateAsync(aliceId, "Zoo trip", [bob, carol], ct)).Value;
        await browser.App.Services.GetRequiredService<ChatService>().SendAsync(aliceId, groupId, Guid.NewGuid(), "the wombat escaped", ct: ct);
        await using var session = await browser.LoggedInAsync(bob, "/search");

        await session.Page.GetByRole(AriaRole.Textbox, new() { Name = "Search all messages" }).FillAsync("wombat");
        var hit = session.Page.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Link);
        await Expect(hit).ToContainTextAsync("Zoo trip");
        await Expect(hit.Locator(".bm-search-sender")).ToHaveTextAsync(alice);
        await Expect(hit.Locator("time")).ToContainTextAsync(new Regex(@"^Today \d{2}:\d{2}$"));
    }
}
