using System.Text.RegularExpressions;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public sealed class GroupFlowTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_people_create_a_group_talk_mention_and_a_removed_person_stops_receiving_and_someone_leaves()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice);
        await using var bobSession = await browser.LoggedInAsync(bob);
        await using var carolSession = await browser.LoggedInAsync(carol);
        var (a, b, c) = (aliceSession.Page, bobSession.Page, carolSession.Page);

        // alice creates "Trip": bob picked from her contacts as she types, carol typed as a username.
        await a.GetByRole(AriaRole.Button, new() { Name = "New group" }).ClickAsync();
        var dialog = a.GetByRole(AriaRole.Dialog, new() { Name = "New group" });
        // The dialog focuses its first field once it is shown; on a busy machine that came after the keys typed into
        // Members began, and the rest of them landed in the name ("Tripba2"). Type once the dialog has settled.
        await Expect(dialog.GetByLabel("Group name")).ToBeFocusedAsync();
        await dialog.GetByLabel("Members").PressSequentiallyAsync(bob[..5]);
        await dialog.GetByRole(AriaRole.Button, new() { Name = bob }).ClickAsync();
        await dialog.GetByLabel("Members").FillAsync(carol);
        await dialog.GetByLabel("Members").PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.List, new() { Name = "Chosen people" })).ToContainTextAsync(carol);
        await dialog.GetByLabel("Group name").FillAsync("Trip");
        await Expect(dialog.GetByLabel("Group name")).ToHaveValueAsync("Trip");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(a).ToHaveURLAsync(new Regex(@"/group/\d+$"));
        await Expect(a.GetByTestId("group-status")).ToHaveTextAsync("3 members, 3 online");

        // It appears at once in the others' lists, with its first message; they open it.
        foreach (var page in new[] { b, c })
        {
            var row = page.ConversationList().GetByRole(AriaRole.Link, new() { Name = "Trip" });
            await Expect(row).ToContainTextAsync($"{alice} created the group \"Trip\"");
            await row.ClickAsync();
            await Expect(page.MessageLog()).ToContainTextAsync($"{alice} created the group \"Trip\"");
        }

        await a.TypeAndSendAsync("Hello everyone");
        await Expect(b.StoredBodies()).ToContainTextAsync(["Hello everyone"]);
        await Expect(c.StoredBodies()).ToContainTextAsync(["Hello everyone"]);
        await Expect(b.MessageLog().Locator(".bm-sender")).ToHaveTextAsync(alice);

        // carol mentions bob through the picker, pressing Enter before it has narrowed to what she typed (it still
        // offers alice first): Enter takes bob all the same, and the chip shows his name for everyone.
        await c.MessageBox().PressSequentiallyAsync("ask @");
        await c.GetByRole(AriaRole.Option, new() { Name = alice }).WaitForAsync();
        await c.MessageBox().PressSequentiallyAsync(bob[..4]);
        await c.MessageBox().PressAsync("Enter");
        await Expect(c.MessageBox()).ToHaveValueAsync($"ask @{bob} ");
        await c.MessageBox().PressSequentiallyAsync("about the tickets");
        await c.MessageBox().PressAsync("Enter");
        await Expect(a.MessageLog().Locator(".bm-mention")).ToHaveTextAsync("@" + bob);
        await Expect(b.MessageLog().Locator(".bm-mention")).ToHaveTextAsync("@" + bob);

        // The picker never outlives its mention: Send with it open sends what was typed and closes it; Enter adds nothing.
        await c.MessageBox().PressSequentiallyAsync("see @" + bob[..4]);
        var picker = c.GetByRole(AriaRole.Listbox, new() { Name = "Mention someone" });
        await Expect(picker).ToBeVisibleAsync();
        await c.Locator("[data-composer-send]").ClickAsync();
        await Expect(picker).ToHaveCountAsync(0);
        await c.MessageBox().PressAsync("Enter");
        await Expect(c.MessageBox()).ToHaveValueAsync("");
        await Expect(b.StoredBodies().Last).ToHaveTextAsync("see @" + bob[..4]);

        // alice removes carol: carol's open tab is told at once, becomes read-only and stops receiving.
        await a.GetByRole(AriaRole.Button, new() { Name = "Group info" }).ClickAsync();
        var info = a.GetByRole(AriaRole.Dialog, new() { Name = "Group info" });
        await info.GetByRole(AriaRole.Button, new() { Name = $"Remove {carol}" }).ClickAsync();
        await a.GetByRole(AriaRole.Dialog, new() { Name = "Remove member" }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(info.Locator(".bm-member-row")).ToHaveCountAsync(2);
        await info.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).First.ClickAsync();
        await Expect(c.MessageLog()).ToContainTextAsync($"{alice} removed {carol}");
        await Expect(c.GetByText("You're no longer a member of this group.")).ToBeVisibleAsync();
        await Expect(c.MessageBox()).ToHaveCountAsync(0);
        await Expect(a.GetByTestId("group-status")).ToContainTextAsync("2 members");

        await a.TypeAndSendAsync("Just the two of us");
        await Expect(b.StoredBodies().Last).ToHaveTextAsync("Just the two of us");
        await Expect(c.StoredBodies().Last).ToHaveTextAsync("see @" + bob[..4]);
        await Expect(c.MessageLog()).Not.ToContainTextAsync("Just the two of us");
        await Expect(c.ConversationList().GetByRole(AriaRole.Link, new() { Name = "Trip" })).ToContainTextAsync($"{alice} removed {carol}");

        // bob leaves: alice sees it live, bob's view turns read-only.
        await b.GetByRole(AriaRole.Button, new() { Name = "Group info" }).ClickAsync();
        await b.GetByRole(AriaRole.Dialog, new() { Name = "Group info" }).GetByRole(AriaRole.Button, new() { Name = "Leave group" }).ClickAsync();
        await b.GetByRole(AriaRole.Dialog, new() { Name = "Leave group" }).GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Expect(a.MessageLog()).ToContainTextAsync($"{bob} left");
        await Expect(b.GetByText("You're no longer a member of this group.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_removed_member_keeps_the_images_from_before_and_gets_none_sent_after_and_only_members_get_the_group_picture()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var (aliceId, bobId) = (await browser.IdOfAsync(alice), await browser.IdOfAsync(bob));
        var groups = browser.App.Services.GetRequiredService<GroupService>();
        var attachments = browser.App.Services.GetRequiredService<AttachmentService>();
        var groupId = (await groups.CreateAsync(aliceId, "Photos", [bob], Ct)).Value;
        var before = (await attachments.SendImageAsync(aliceId, groupId, Guid.NewGuid(), TestImages.Png(), null, ct: Ct)).Value!.Image!.Id;
        Assert.True((await groups.SetPictureAsync(aliceId, groupId, TestImages.Png(), Ct)).Succeeded);
        Assert.True((await groups.RemoveMemberAsync(aliceId, groupId, bobId, Ct)).Succeeded);
        var after = (await attachments.SendImageAsync(aliceId, groupId, Guid.NewGuid(), TestImages.Png(), null, ct: Ct)).Value!.Image!.Id;
        var picture = (await groups.OpenAsync(aliceId, groupId, Ct))!.PictureId;
        await using var bobSession = await browser.LoggedInAsync(bob);
        await using var carolSession = await browser.LoggedInAsync(carol);

        Assert.Equal(200, (await bobSession.Context.APIRequest.GetAsync($"{browser.BaseUrl}/media/{before}/thumb")).Status);
        Assert.Equal(404, (await bobSession.Context.APIRequest.GetAsync($"{browser.BaseUrl}/media/{after}/thumb")).Status);
        Assert.Equal(404, (await bobSession.Context.APIRequest.GetAsync($"{browser.BaseUrl}/media/{after}/full")).Status);
        Assert.Equal(404, (await bobSession.Context.APIRequest.GetAsync($"{browser.BaseUrl}/avatars/{picture}")).Status);
        Assert.Equal(404, (await carolSession.Context.APIRequest.GetAsync($"{browser.BaseUrl}/avatars/{picture}")).Status);
        Assert.True((await groups.AddMembersAsync(aliceId, groupId, [carol], Ct)).Succeeded);
        Assert.Equal(200, (await carolSession.Context.APIRequest.GetAsync($"{browser.BaseUrl}/avatars/{picture}")).Status);
    }

    [Fact]
    public async Task Someone_removed_while_their_network_is_cut_finds_the_group_read_only_when_it_returns_and_what_they_typed_says_not_sent()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var (aliceId, carolId) = (await browser.IdOfAsync(alice), await browser.IdOfAsync(carol));
        var groups = browser.App.Services.GetRequiredService<GroupService>();
        var chat = browser.App.Services.GetRequiredService<ChatService>();
        var groupId = (await groups.CreateAsync(aliceId, "Cut", [bob, carol], Ct)).Value;
        await using var proxy = browser.NewProxy();
        await using var carolSession = await browser.LoggedInAsync(carol, $"/group/{groupId}", proxy.BaseUrl);
        var page = carolSession.Page;
        await Expect(page.MessageLog()).ToContainTextAsync("created the group");

        proxy.Cut();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connecting" })).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await page.TypeAndSendAsync("typed during the cut");
        await Expect(page.Pending()).ToContainTextAsync("typed during the cut");
        Assert.True((await groups.RemoveMemberAsync(aliceId, groupId, carolId, Ct)).Succeeded);
        Assert.True((await chat.SendAsync(aliceId, groupId, Guid.NewGuid(), "said after the removal", ct: Ct)).Succeeded);
        proxy.Restore();

        await Expect(page.MessageLog()).ToContainTextAsync($"{alice} removed {carol}", new() { Timeout = 20_000 });
        await Expect(page.GetByText("You're no longer a member of this group.")).ToBeVisibleAsync();
        await Expect(page.MessageBox()).ToHaveCountAsync(0);
        // A send in flight when the network went waits out its time-out (10 s) before the outbox tries again.
        await Expect(page.Pending().GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("Not sent: You are not in this conversation.", new() { Timeout = 20_000 });
        await Expect(page.MessageLog()).Not.ToContainTextAsync("said after the removal");
    }

    [Fact]
    public async Task A_group_is_created_and_a_member_mentioned_with_the_keyboard_only()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice);
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "New group" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("Group name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Keys");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Members")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(bob[..5]);
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Matching contacts" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Chosen people" })).ToContainTextAsync(bob);
        await Expect(page.GetByLabel("Members")).ToBeFocusedAsync();
        var create = page.GetByRole(AriaRole.Button, new() { Name = "Create" });
        for (var i = 0; i < 6 && !await create.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/group/\d+$"));
        await Expect(page.MessageBox()).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("@" + bob[..4]);
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = bob })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("hi");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.MessageLog().Locator(".bm-mention")).ToHaveTextAsync("@" + bob);
    }
}
