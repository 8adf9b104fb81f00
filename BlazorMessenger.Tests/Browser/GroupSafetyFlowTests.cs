using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>What a stranger, a block and a borrowed name do in groups, as the reader sees them in Chromium.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class GroupSafetyFlowTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GroupService Groups => browser.App.Services.GetRequiredService<GroupService>();

    private ChatService Chat => browser.App.Services.GetRequiredService<ChatService>();

    [Fact]
    public async Task A_strangers_group_waits_under_requests_without_preview_or_badge_until_accepted()
    {
        var (stranger, me) = (BrowserPeople.NewUserName("stranger"), BrowserPeople.NewUserName("me"));
        var strangerId = await browser.CreateAsync(stranger);
        await browser.CreateAsync(me);
        var groupId = (await Groups.CreateAsync(strangerId, "Free prizes", [me], Ct)).Value;
        Assert.True((await Chat.SendAsync(strangerId, groupId, Guid.NewGuid(), "claim at https://evil.example/now", ct: Ct)).Succeeded);
        await using var session = await browser.LoggedInAsync(me);
        var page = session.Page;

        await Expect(page.ConversationList().GetByRole(AriaRole.Link, new() { Name = "Free prizes" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Message requests (1)" }).ClickAsync();
        var row = page.GetByRole(AriaRole.List, new() { Name = "Message requests" }).GetByRole(AriaRole.Link);
        await Expect(row).ToContainTextAsync("Group invitation");
        await Expect(row).Not.ToContainTextAsync("evil.example");
        await Expect(row.GetByRole(AriaRole.Img, new() { NameRegex = new("unread") })).ToHaveCountAsync(0);
        await Expect(page).ToHaveTitleAsync("BlazorMessenger");
        await row.ClickAsync();

        var invitation = page.GetByRole(AriaRole.Region, new() { Name = "Group invitation" });
        await Expect(invitation).ToContainTextAsync($"{stranger} (@{stranger}) added you to this group and isn't in your contacts.");
        await Expect(page.MessageBox()).ToHaveCountAsync(0);
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Expect(invitation).ToHaveCountAsync(0);
        await Expect(page.MessageBox()).ToBeVisibleAsync();
        await Expect(page.ConversationList().GetByRole(AriaRole.Link, new() { Name = "Free prizes" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_blocked_members_group_messages_come_collapsed_and_open_on_request()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var (aliceId, bobId, carolId) = (await browser.IdOfAsync(alice), await browser.IdOfAsync(bob), await browser.IdOfAsync(carol));
        var groupId = (await Groups.CreateAsync(aliceId, "Team", [bob, carol], Ct)).Value;
        Assert.True((await browser.App.Services.GetRequiredService<SafetyService>().BlockAsync(bobId, carolId, Ct)).Succeeded);
        Assert.True((await Chat.SendAsync(carolId, groupId, Guid.NewGuid(), "carol was here", ct: Ct)).Succeeded);
        await using var session = await browser.LoggedInAsync(bob, $"/group/{groupId}");
        var log = session.Page.MessageLog();

        var collapsed = log.GetByRole(AriaRole.Button, new() { Name = "Message from someone you blocked" });
        await Expect(collapsed).ToHaveCountAsync(1);
        await Expect(log).Not.ToContainTextAsync("carol was here");
        await collapsed.ClickAsync();
        await Expect(log).ToContainTextAsync("carol was here");

        // A new one arrives collapsed too.
        Assert.True((await Chat.SendAsync(carolId, groupId, Guid.NewGuid(), "and again", ct: Ct)).Succeeded);
        await Expect(collapsed).ToHaveCountAsync(1);
        await Expect(log).Not.ToContainTextAsync("and again");
    }

    [Fact]
    public async Task A_member_named_after_another_shows_their_username_and_a_mark_in_the_group()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var (aliceId, carolId) = (await browser.IdOfAsync(alice), await browser.IdOfAsync(carol));
        var groupId = (await Groups.CreateAsync(aliceId, "Team", [bob, carol], Ct)).Value;
        Assert.True((await browser.App.Services.GetRequiredService<ProfileService>().UpdateAsync(carolId, new ProfileUpdate(bob), Ct)).Succeeded);
        Assert.True((await Chat.SendAsync(carolId, groupId, Guid.NewGuid(), "send me the password", ct: Ct)).Succeeded);

        await using var session = await browser.LoggedInAsync(alice, $"/group/{groupId}");

        await Expect(session.Page.MessageLog().Locator(".bm-sender")).ToHaveTextAsync($"⚠ {bob} @{carol}");
    }
}
