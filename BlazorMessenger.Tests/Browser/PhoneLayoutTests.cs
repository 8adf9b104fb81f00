using System.Text.RegularExpressions;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>The app as a phone messenger at 390×844 with touch, and side by side on a laptop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task On_a_phone_the_list_is_home_a_chat_fills_the_screen_and_back_returns_to_the_list()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, screen: Screen.Phone);
        var page = session.Page;
        var list = page.ConversationList();
        await Expect(list).ToBeVisibleAsync();
        await Expect(page.MessageBox()).ToHaveCountAsync(0);
        await ExpectNoPageScrollAsync(page);

        await list.GetByRole(AriaRole.Link, new() { Name = bob }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{bob}$"));
        await session.WaitForInteractiveAsync();
        await Expect(list).ToBeHiddenAsync();
        var composer = await page.Locator(".bm-composer").BoundingBoxAsync();
        Assert.True(composer is { Width: >= 300 }, $"The composer is {composer?.Width} px wide on a 390 px phone.");
        await page.TypeAndSendAsync("hello from the phone");
        await Expect(page.StoredBodies().Last).ToHaveTextAsync("hello from the phone");
        await ExpectNoPageScrollAsync(page);

        // The on-screen keyboard takes the lower part of the screen (interactive-widget=resizes-content): the
        // composer moves up with the shell instead of hiding behind it.
        await page.SetViewportSizeAsync(Screen.Phone.Width, 480);
        await Expect(page.MessageBox()).ToBeInViewportAsync(new() { Ratio = 1 });
        await ExpectNoPageScrollAsync(page);
        await page.SetViewportSizeAsync(Screen.Phone.Width, Screen.Phone.Height);
        await ExpectTouchTargetsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Open message search" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Search messages" })).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close message search" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = bob })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to conversations" }).TapAsync();
        await Expect(page).ToHaveURLAsync(session.BaseUrl + "/");
        await Expect(list).ToBeVisibleAsync();
        await Expect(list).ToContainTextAsync("You: hello from the phone");
        await ExpectTouchTargetsAsync(page);

        await list.GetByRole(AriaRole.Link, new() { Name = bob }).TapAsync();
        await Expect(page.MessageBox()).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(session.BaseUrl + "/");
        await Expect(list).ToBeVisibleAsync();
        await Expect(page.MessageBox()).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_chat_opened_straight_from_a_link_goes_back_to_the_list_not_out_of_the_app()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", screen: Screen.Phone);
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to conversations" }).TapAsync();

        await Expect(page).ToHaveURLAsync(session.BaseUrl + "/");
        await Expect(page.ConversationList()).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_message_box_fills_the_row_with_emoji_and_attach_inside_and_the_microphone_waits_in_Sends_place()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", screen: Screen.Phone);
        var page = session.Page;
        var box = page.MessageBox();
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });
        var microphone = page.GetByRole(AriaRole.Button, new() { Name = "Record a voice message" });
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Attach, or formatting help" });

        var boxBounds = (await box.BoundingBoxAsync())!;
        Assert.True(boxBounds.Width >= 250, $"The message box is {boxBounds.Width} px wide on a 390 px phone.");
        // One line of placeholder: the box is as high as its buttons.
        Assert.True(boxBounds.Height <= 46, $"The empty message box is {boxBounds.Height} px high.");
        foreach (var inside in new[] { page.GetByRole(AriaRole.Button, new() { Name = "Emoji" }), menu })
        {
            var bounds = (await inside.BoundingBoxAsync())!;
            Assert.True(bounds.X >= boxBounds.X && bounds.X + bounds.Width <= boxBounds.X + boxBounds.Width,
                $"A button at {bounds.X}–{bounds.X + bounds.Width} px is outside the box at {boxBounds.X}–{boxBounds.X + boxBounds.Width} px.");
        }

        await Expect(microphone).ToBeVisibleAsync();
        await Expect(send).ToBeHiddenAsync();
        await box.FillAsync("hello");
        await Expect(send).ToBeVisibleAsync();
        await Expect(microphone).ToBeHiddenAsync();
        await send.TapAsync();
        await Expect(page.StoredBodies().Last).ToHaveTextAsync("hello");
        await Expect(microphone).ToBeVisibleAsync();
        await ExpectTouchTargetsAsync(page);

        await menu.TapAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Formatting help" }).TapAsync();
        var formatting = page.GetByRole(AriaRole.Dialog, new() { Name = "Formatting" });
        await Expect(formatting).ToBeInViewportAsync(new() { Ratio = 1 });
        await formatting.GetByRole(AriaRole.Button, new() { Name = "Close formatting help" }).TapAsync();
        await Expect(formatting).ToHaveCountAsync(0);
        await Expect(box).ToBeFocusedAsync();

        await menu.TapAsync();
        var chooser = await page.RunAndWaitForFileChooserAsync(
            () => page.GetByRole(AriaRole.Menuitem, new() { Name = "Attach a file or image" }).TapAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = TestImages.Png() });
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Preview of photo.png" })).ToBeVisibleAsync();
        // Something to send: Send is back although the box is empty.
        await Expect(send).ToBeVisibleAsync();
        await send.TapAsync();
        await Expect(page.MessageLog().GetByAltText(new Regex("^Image from"))).ToBeVisibleAsync();

        // A desktop keeps its row: attach, emoji, formatting and microphone buttons, and Send, with no attach menu.
        await using var desktop = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        foreach (var name in new[] { "Emoji", "Formatting help", "Record a voice message", "Send" })
        {
            await Expect(desktop.Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await Expect(desktop.Page.Locator("label.bm-attach")).ToBeVisibleAsync();
        await Expect(desktop.Page.GetByRole(AriaRole.Button, new() { Name = "Attach, or formatting help" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_emoji_picker_the_menus_and_dialogs_fit_on_a_360_px_phone()
    {
        var (alice, bob) = await browser.PairAsync();
        var small = Screen.Phone with { Width = 360, Height = 740 };
        await using var session = await browser.LoggedInAsync(alice, screen: small);
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = $"Account menu for {alice}" }).TapAsync();
        await ExpectInsideAsync(page, page.GetByRole(AriaRole.Menu), small);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).TapAsync();
        await ExpectInsideAsync(page, page.GetByRole(AriaRole.Dialog), small);
        await page.Keyboard.PressAsync("Escape");

        await page.ConversationList().GetByRole(AriaRole.Link, new() { Name = bob }).TapAsync();
        await session.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Emoji", Exact = true }).TapAsync();
        await ExpectInsideAsync(page, page.GetByRole(AriaRole.Dialog, new() { Name = "Emoji picker" }), small);

        await page.GotoAsync("/profile");
        await session.WaitForInteractiveAsync();
        await ExpectNoPageScrollAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"),
            "The profile page is wider than a 360 px phone.");
    }

    [Fact]
    public async Task On_a_phone_a_tap_on_a_bubble_opens_its_actions_and_no_button_hangs_beside_each_message()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", screen: Screen.Phone);
        var page = session.Page;
        await page.TypeAndSendAsync("tap me");
        var bubble = page.MessageLog().Locator(".bm-msg[data-seq]").Last;
        await Expect(bubble).ToContainTextAsync("tap me");

        var button = bubble.GetByRole(AriaRole.Button, new() { Name = "Message actions" });
        var box = await button.BoundingBoxAsync();
        Assert.True(box is null || box.Width <= 1, $"A {box?.Width}×{box?.Height} px actions button shows beside the message on a phone.");

        await bubble.Locator(".bm-body").TapAsync();
        var menu = page.GetByRole(AriaRole.Menu, new() { NameRegex = new Regex("^Actions for the message from") });
        await Expect(menu).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Reply" })).ToBeVisibleAsync();
        var placed = await menu.BoundingBoxAsync();
        Assert.True(placed is { X: >= 0 } && placed.X + placed.Width <= Screen.Phone.Width, $"The menu sits at x {placed?.X}, {placed?.Width} px wide.");
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).ToBeHiddenAsync();

        // Still there for a screen reader or a keyboard: in the accessibility tree, and in sight once it has the focus.
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(menu).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_laptop_the_list_and_the_chat_sit_side_by_side_without_a_back_button()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;

        await Expect(page.ConversationList()).ToBeVisibleAsync();
        await Expect(page.MessageBox()).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Back to conversations" })).ToBeHiddenAsync();
        var list = await page.ConversationList().BoundingBoxAsync();
        var composer = await page.Locator(".bm-composer").BoundingBoxAsync();
        Assert.True(list!.X + list.Width <= composer!.X, "The list and the chat overlap.");
        await ExpectNoPageScrollAsync(page);
    }

    private static async Task ExpectNoPageScrollAsync(IPage page)
    {
        var sizes = await page.EvaluateAsync<int[]>("""
            () => [document.documentElement.scrollHeight, innerHeight, document.documentElement.scrollWidth, innerWidth,
                   ...[...document.querySelectorAll('.bm-appbar > *')].flatMap(bar => [bar.scrollWidth, bar.clientWidth])]
            """);
        Assert.True(sizes[0] <= sizes[1], $"The page itself scrolls: {sizes[0]} px of document in a {sizes[1]} px viewport.");
        Assert.True(sizes[2] <= sizes[3], $"The page is {sizes[2]} px wide in a {sizes[3]} px viewport.");
        Assert.True(sizes.Length < 6 || sizes[4] <= sizes[5], $"The app bar's content is {sizes[4]} px wide in {sizes[5]} px.");
    }

    private static async Task ExpectInsideAsync(IPage page, ILocator element, Screen screen)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = await element.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0 } && box.X + box.Width <= screen.Width && box.Y + box.Height <= screen.Height,
            $"Cut off on a {screen.Width}×{screen.Height} screen: x {box?.X}, y {box?.Y}, {box?.Width}×{box?.Height}.");
        await ExpectNoPageScrollAsync(page);
    }

    /// <summary>Every visible button and link that is not part of running text is at least 44 × 44 px.</summary>
    private static async Task ExpectTouchTargetsAsync(IPage page)
    {
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, a[href], [role=button], label:has(input[type=file])')]
                .filter(e => e.checkVisibility() && !e.closest('.bm-body, p, .bm-sr-only'))
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width > 1 && (r.width < 44 || r.height < 44))
                .map(([e, r]) => `${e.getAttribute('aria-label') || e.textContent.trim()} (${Math.round(r.width)}×${Math.round(r.height)})`)
            """);
        Assert.True(small.Length == 0, "Touch targets under 44 px: " + string.Join(", ", small));
    }
}
