using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Contacts;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(ThirdBrowserCollection.Name)]
public sealed class SafetyFlowTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_strangers_message_waits_under_requests_until_accepted_then_the_reply_goes_through()
    {
        var (stranger, me) = (BrowserPeople.NewUserName("stranger"), BrowserPeople.NewUserName("me"));
        var strangerId = await browser.CreateAsync(stranger);
        await browser.CreateAsync(me);
        var conversationId = await StrangerWritesAsync(strangerId, me, "hello, buy my stuff");
        await using var session = await browser.LoggedInAsync(me);
        var page = session.Page;

        await Expect(page.ConversationList().GetByRole(AriaRole.Link, new() { Name = stranger })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Message requests (1)" }).ClickAsync();
        await page.GetByRole(AriaRole.List, new() { Name = "Message requests" }).GetByRole(AriaRole.Link).ClickAsync();

        var request = page.GetByRole(AriaRole.Region, new() { Name = "Message request" });
        await Expect(request).ToContainTextAsync($"{stranger} (@{stranger}) isn't in your contacts.");
        await Expect(page.StoredBodies()).ToHaveTextAsync(["hello, buy my stuff"]);
        await Expect(page.MessageBox()).ToHaveCountAsync(0);

        await request.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await session.WaitForInteractiveAsync();
        await page.TypeAndSendAsync("who are you?");

        await Eventually.TrueAsync(async () => (await browser.App.Services.GetRequiredService<ChatService>()
            .GetAfterAsync(strangerId, conversationId, 0, Ct)).Any(m => m.Body == "who are you?"), "the reply never reached the stranger");
        await Expect(page.ConversationList().GetByRole(AriaRole.Button, new() { Name = "Message requests (1)" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Blocking_from_the_chat_header_hides_the_blocker_live_and_refuses_the_blocked_persons_messages()
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var bobId = await browser.IdOfAsync(bob);
        await browser.App.Services.GetRequiredService<BlazorMessenger.Features.Profile.ProfileService>()
            .UpdateAsync(bobId, new BlazorMessenger.Features.Profile.ProfileUpdate("Bobby Tables"), Ct);
        await using var bobsSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await using var alicesSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var aliceSees = alicesSession.Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(aliceSees).ToHaveTextAsync("Bobby Tables");

        await bobsSession.Page.GetByRole(AriaRole.Button, new() { Name = $"More about {alice}" }).ClickAsync();
        await bobsSession.Page.GetByRole(AriaRole.Menuitem, new() { Name = $"Block {alice}" }).ClickAsync();
        await bobsSession.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await Expect(bobsSession.Page.GetByText($"{alice} is blocked.")).ToBeVisibleAsync();

        await Expect(aliceSees).ToHaveTextAsync(bob);
        var conversationId = await browser.ConversationIdAsync(aliceId, bob);
        var refused = await browser.App.Services.GetRequiredService<ChatService>().SendAsync(aliceId, conversationId, Guid.NewGuid(), "hey?", ct: Ct);
        Assert.Equal(Relations.NotAccepting, refused.Error);
    }

    [Fact]
    public async Task A_message_is_reported_with_a_reason_from_its_flag()
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var conversationId = await browser.ConversationIdAsync(aliceId, bob);
        var sent = await browser.App.Services.GetRequiredService<ChatService>().SendAsync(aliceId, conversationId, Guid.NewGuid(), "you will regret this", ct: Ct);
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = session.Page;

        await page.MessageLog().Locator(".bm-msg").Last.HoverAsync();
        await page.MessageLog().Locator(".bm-msg").Last.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Report" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Report a message from {alice}" });
        await dialog.GetByText("Harassment or threats").ClickAsync();
        await dialog.GetByRole(AriaRole.Textbox).FillAsync("a threat");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Report" }).ClickAsync();

        await Expect(page.GetByText("Thanks. The admins will look at your report.")).ToBeVisibleAsync();
        var report = await browser.ReportsAboutAsync(aliceId);
        Assert.Equal((sent.Value!.Id, ReportReason.Harassment, "a threat"), (report.Single().MessageId!.Value, report.Single().Reason, report.Single().Note!));
    }

    /// <summary>The stranger adds the person and writes, through the services; returns the conversation.</summary>
    private async Task<long> StrangerWritesAsync(string strangerId, string to, string text)
    {
        var conversationId = (await browser.App.Services.GetRequiredService<ContactService>().AddAsync(strangerId, to, Ct)).Value!.ConversationId;
        var sent = await browser.App.Services.GetRequiredService<ChatService>().SendAsync(strangerId, conversationId, Guid.NewGuid(), text, ct: Ct);
        Assert.True(sent.Succeeded, sent.Error);
        return conversationId;
    }
}
