using System.Text.RegularExpressions;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>The app without a mouse: shortcuts, arrow keys, Enter and Esc, and a focus ring wherever the focus is.</summary>
[Collection(ThirdBrowserCollection.Name)]
public sealed class KeyboardFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Ctrl_K_filters_the_list_arrows_reach_a_row_and_Enter_opens_it_then_the_skip_link_reaches_the_message_box()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var session = await browser.LoggedInAsync(alice);
        var page = session.Page;

        await page.Keyboard.PressAsync("Control+k");
        var filter = page.GetByRole(AriaRole.Searchbox, new() { Name = "Filter conversations" });
        await Expect(filter).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(carol[..6]);
        var rows = page.ConversationList().Locator("[data-testid=conversation]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(carol);

        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(rows).ToBeFocusedAsync();
        await ExpectFocusRingAsync(rows);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{carol}$"));
        await session.WaitForInteractiveAsync();
        // The chat opened with the caret in its message box, as in WhatsApp Web; the box takes it once the composer
        // is interactive, so the skip link is tried after that.
        await Expect(page.MessageBox()).ToBeFocusedAsync();

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to message box" });
        Assert.True(await skip.EvaluateAsync<bool>(
                "a => a.closest('.bm-shell').querySelector('a[href], button, input, textarea, [tabindex]') === a"),
            "The skip link is not the first stop of the page's tab order.");
        await skip.FocusAsync();
        await Expect(skip).ToBeInViewportAsync();
        await ExpectFocusRingAsync(skip);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.MessageBox()).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("typed without a mouse");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.StoredBodies().Last).ToHaveTextAsync("typed without a mouse");
        Assert.NotEqual(bob, carol);
    }

    [Fact]
    public async Task Enter_saves_an_edit_in_place_and_Esc_closes_the_emoji_picker_the_add_contact_dialog_and_the_shortcuts()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;
        await page.TypeAndSendAsync("helo");
        var mine = page.MessageLog().Locator(".bm-msg[data-seq]").Last;
        await Expect(mine.Locator(".bm-body")).ToHaveTextAsync("helo");

        await page.MessageLog().FocusAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(mine).ToBeFocusedAsync();
        await ExpectFocusRingAsync(mine.Locator(".bm-bubble"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "Message actions" })).ToBeFocusedAsync();
        await Expect(mine.Locator(".bm-msg-actions")).ToHaveCSSAsync("opacity", "1");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "React with 👍" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Reply" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("e");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        // Edited in place, in the message box, as in the references; no dialog.
        var editing = page.GetByRole(AriaRole.Group, new() { Name = "Editing your message" });
        await Expect(editing).ToContainTextAsync("helo");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.MessageBox()).ToBeFocusedAsync();
        await Expect(page.MessageBox()).ToHaveValueAsync("helo");
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync("hello");
        await page.Keyboard.PressAsync("Enter");
        await Expect(editing).ToHaveCountAsync(0);
        await Expect(mine.Locator(".bm-body")).ToHaveTextAsync("hello");
        await Expect(mine).ToContainTextAsync("edited");
        await Expect(page.MessageBox()).ToHaveValueAsync("");
        await Expect(page.MessageLog().Locator(".bm-msg[data-seq]")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Emoji", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Emoji picker" });
        await Expect(picker.GetByRole(AriaRole.Textbox, new() { Name = "Search emoji" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(picker).ToHaveCountAsync(0);
        await Expect(page.MessageBox()).ToBeFocusedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var addContact = page.GetByRole(AriaRole.Dialog, new() { Name = "Add contact" });
        await Expect(addContact.GetByRole(AriaRole.Textbox, new() { Name = "Username" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(addContact).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Account menu for {alice}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);

        await page.MessageLog().FocusAsync();
        await page.Keyboard.PressAsync("?");
        var shortcuts = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(shortcuts).ToContainTextAsync("Next conversation");
        await Expect(shortcuts.GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(shortcuts).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Alt_and_the_arrows_move_to_the_next_and_previous_conversation()
    {
        var (alice, _, _) = await browser.TrioAsync();
        await using var session = await browser.LoggedInAsync(alice);
        var page = session.Page;
        var names = await page.ConversationList().Locator("[data-username]").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.dataset.username)");
        Assert.Equal(2, names.Length);

        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{names[0]}$"));
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{names[1]}$"));
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{names[0]}$"));
    }

    [Fact]
    public async Task The_arrows_move_from_the_search_box_through_the_results_and_back()
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        await browser.SeedAsync(await browser.ConversationIdAsync(aliceId, bob), aliceId, 5, i => $"walrus number {i}");
        await using var session = await browser.LoggedInAsync(bob, "/search");
        var page = session.Page;
        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Search all messages" });
        await box.FillAsync("walrus");
        var hits = page.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Link);
        await Expect(hits).ToHaveCountAsync(5);

        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(hits.Nth(0)).ToBeFocusedAsync();
        await ExpectFocusRingAsync(hits.Nth(0));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(hits.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(box).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{alice}\\?at="));
    }

    private static async Task ExpectFocusRingAsync(ILocator element)
    {
        var outline = await element.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.True(!outline.StartsWith("none", StringComparison.Ordinal) && !outline.EndsWith(" 0px", StringComparison.Ordinal),
            $"The focused element shows no focus ring (outline: {outline}).");
    }

    [Fact]
    public async Task Message_info_and_the_image_viewer_take_the_focus_keep_it_close_on_Esc_and_page_shortcuts_wait()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var groupId = (await browser.App.Services.GetRequiredService<GroupService>().CreateAsync(aliceId, "Traps", [bob, carol], TestContext.Current.CancellationToken)).Value;
        var image = await browser.App.Services.GetRequiredService<AttachmentService>().SendImageAsync(
            aliceId, groupId, Guid.NewGuid(), TestImages.Png(120, 80), "a picture", ct: TestContext.Current.CancellationToken);
        Assert.True(image.Succeeded, image.Error);
        await using var session = await browser.LoggedInAsync(alice, $"/group/{groupId}");
        var page = session.Page;
        await page.TypeAndSendAsync("who saw this?");
        var mine = page.MessageLog().Locator(".bm-msg[data-seq]").Last;
        await Expect(mine).ToContainTextAsync("who saw this?");

        var actions = mine.GetByRole(AriaRole.Button, new() { Name = "Message actions" });
        await actions.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Message info" }).PressAsync("Enter");
        var info = page.GetByRole(AriaRole.Dialog, new() { Name = "Message info" });
        await Expect(info).ToBeVisibleAsync();
        await ExpectFocusInsideAsync(page, info, "Message info");
        await page.Keyboard.PressAsync("Tab");
        await ExpectFocusInsideAsync(page, info, "Message info after Tab");
        await page.Keyboard.PressAsync("Escape");
        await Expect(info).ToHaveCountAsync(0);
        await Expect(actions).ToBeFocusedAsync();

        var open = page.MessageLog().GetByRole(AriaRole.Button, new() { Name = $"Open image from {alice}" });
        await open.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var viewer = page.GetByRole(AriaRole.Dialog, new() { Name = $"Image from {alice}" });
        await Expect(viewer).ToBeVisibleAsync();
        await ExpectFocusInsideAsync(page, viewer, "the image viewer");
        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/group/{groupId}$"));
        await Expect(viewer).ToBeVisibleAsync();
        await ExpectFocusInsideAsync(page, viewer, "the image viewer after Ctrl+K, ↓ and Enter");
        for (var i = 0; i < 6; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            await ExpectFocusInsideAsync(page, viewer, $"the image viewer after {i + 1} Tabs");
        }

        await page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
        await Expect(open).ToBeFocusedAsync();
    }

    private static async Task ExpectFocusInsideAsync(IPage page, ILocator container, string what)
    {
        await Expect(container).ToBeVisibleAsync();
        try
        {
            await Expect(container.Locator(":focus")).ToHaveCountAsync(1, new() { Timeout = 3_000 });
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"The focus is outside {what}: on {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120)")}.");
        }
    }
}
