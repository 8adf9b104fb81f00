using BlazorMessenger.Components.Layout;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>axe-core (WCAG 2.1 A and AA, and its best practices) on every screen, in both themes, on a laptop and a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string, bool> Looks => new()
    {
        { Screen.Desktop.Name, false }, { Screen.Desktop.Name, true }, { Screen.Phone.Name, false }, { Screen.Phone.Name, true },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Every_screen_passes_axe(string screenName, bool dark)
    {
        var screen = screenName == Screen.Phone.Name ? Screen.Phone : Screen.Desktop;
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        await browser.SeedAsync(await browser.ConversationIdAsync(aliceId, bob), aliceId, 12,
            i => i == 3 ? "the quokka came back" : $"message {i}", unread: true);
        var image = await browser.App.Services.GetRequiredService<AttachmentService>().SendImageAsync(
            aliceId, await browser.ConversationIdAsync(aliceId, bob), Guid.NewGuid(), TestImages.Png(120, 80), "a picture 🙂",
            ct: TestContext.Current.CancellationToken);
        Assert.True(image.Succeeded, image.Error);
        await browser.MakeAdminAsync(await browser.IdOfAsync(bob));
        var stranger = BrowserPeople.NewUserName("stranger");
        var strangerId = await browser.CreateAsync(stranger);
        var request = (await browser.App.Services.GetRequiredService<BlazorMessenger.Features.Contacts.ContactService>()
            .AddAsync(strangerId, bob, TestContext.Current.CancellationToken)).Value!.ConversationId;
        await browser.App.Services.GetRequiredService<ChatService>()
            .SendAsync(strangerId, request, Guid.NewGuid(), "hello there", ct: TestContext.Current.CancellationToken);
        var kinds = await browser.SeedKindsGroupAsync(bob, alice);
        var audit = new Audit();

        await using var session = await browser.ReusedSessionAsync(screen);
        var page = session.Page;
        await session.UseThemeAsync(dark);

        await page.GotoAsync("/Account/Register");
        await audit.ScanAsync(page, "register");
        await session.LogInAsync(bob, BrowserPeople.Password);
        await session.WaitForInteractiveAsync();
        await audit.ScanAsync(page, "home");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await audit.ScanAsync(page, "add contact dialog");
        await Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Textbox, new() { Name = "Username" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "New group" }).ClickAsync();
        // The dialog puts the caret in the name field as it opens; the scan starts from there (as GroupFlowTests checks).
        await Expect(page.GetByRole(AriaRole.Dialog).GetByLabel("Group name")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Members").FillAsync(alice);
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Members").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Chosen people" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "new group dialog");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await OpenAsync(session, $"/chat/{alice}");
        await Expect(page.MessageLog()).ToContainTextAsync("message 12");
        await audit.ScanAsync(page, "chat");
        await OpenAsync(session, $"/chat/{stranger}");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Message request" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "message request");
        await OpenAsync(session, "/admin");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Users" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "admin console");

        // Every kind of message, from the reader and from the other person (MessageKinds), with each overlay in turn.
        await OpenAsync(session, $"/group/{kinds}");
        await Expect(page.MessageLog().Locator(".bm-voice-note")).ToHaveCountAsync(2);
        await audit.ScanAsync(page, "every kind of message");
        await audit.SweepLogAsync(page, "every kind of message");
        foreach (var (selector, property) in MeaningfulMarks)
        {
            audit.Add("every kind of message (non-text contrast)", await NonTextContrast.BelowAsync(page, selector, property));
        }
        await page.MessageLog().EvaluateAsync("l => l.scrollTop = 0");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Go to newest message" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "scrolled up");

        await OpenActionsAsync(page.MessageLog().Locator(".bm-theirs").Last, screen);
        await Expect(page.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
        await audit.ScanAsync(page, "message actions");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await audit.ScanAsync(page, "report dialog");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var mine = page.MessageLog().Locator(".bm-mine:not(:has(.bm-deleted))").Last;
        await OpenActionsAsync(mine, screen);
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Message info" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Message info" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await audit.ScanAsync(page, "message info");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await OpenActionsAsync(mine, screen);
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Editing your message" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "editing a message");
        await page.MessageBox().PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Editing your message" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Emoji", Exact = true }).ClickAsync();
        await audit.ScanAsync(page, "emoji picker");
        var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Emoji picker" });
        await Expect(picker.GetByRole(AriaRole.Textbox, new() { Name = "Search emoji" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(picker).ToHaveCountAsync(0);
        await page.MessageLog().GetByRole(AriaRole.Button, new() { Name = $"Open image from {alice}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = $"Image from {alice}" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "image viewer");
        // As the viewer's own tests do: Esc once its script listens (a CI run under load pressed it before).
        await page.Locator(".bm-viewer-body[data-ready]").WaitForAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await page.MessageBox().PressSequentiallyAsync("@");
        await Expect(page.GetByRole(AriaRole.Listbox, new() { Name = "Mention someone" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "mention picker");
        await page.MessageBox().PressAsync("Escape");
        await page.MessageBox().FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Group info" }).ClickAsync();
        var groupInfo = page.GetByRole(AriaRole.Dialog, new() { Name = "Group info" });
        // The two people and the bot, badged.
        await Expect(groupInfo.Locator(".bm-member-row")).ToHaveCountAsync(3);
        await Expect(groupInfo.Locator(".bm-member-row .bm-bot-badge")).ToHaveCountAsync(1);
        await audit.ScanAsync(page, "group info");
        await groupInfo.GetByRole(AriaRole.Tab, new() { Name = "Integrations" }).ClickAsync();
        await Expect(groupInfo.GetByRole(AriaRole.List, new() { Name = "Incoming webhooks" })).ToContainTextAsync("Quokka alerts");
        await audit.ScanAsync(page, "group integrations");
        // Esc reaches the dialog once it has taken the focus, which it does just after it shows (a CI run pressed it before).
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('[role=dialog]') !== null");
        await page.Keyboard.PressAsync("Escape");
        await Expect(groupInfo).ToHaveCountAsync(0);
        if (screen == Screen.Phone)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Open message search" }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search messages" }).FillAsync("quokka");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Search results" })).ToContainTextAsync("quokka");
        await audit.ScanAsync(page, "conversation search");
        await page.MessageLog().FocusAsync();
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "keyboard shortcuts");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" }).GetByRole(AriaRole.Button, new() { Name = "Close" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToHaveCountAsync(0);

        await OpenAsync(session, "/contacts");
        await audit.ScanAsync(page, "contacts");
        await OpenAsync(session, "/profile");
        await audit.ScanAsync(page, "profile");
        await OpenAsync(session, "/settings");
        await Expect(page.GetByText("Checking this browser…")).ToHaveCountAsync(0);
        await audit.ScanAsync(page, "settings");
        await OpenAsync(session, "/search");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search all messages" }).FillAsync("quokka");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Search results" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "search");
        await page.GotoAsync("/Account/Manage");
        await audit.ScanAsync(page, "account settings");
        await page.GotoAsync("/Account/Manage/Sessions");
        await audit.ScanAsync(page, "sessions");
        await OpenAsync(session, "/");
        await session.LogOutAsync(bob);
        await audit.ScanAsync(page, "login");

        TestContext.Current.TestOutputHelper?.WriteLine($"{screenName}, {(dark ? "dark" : "light")}: {audit.Count} violations");
        Assert.True(audit.Count == 0, $"{audit.Count} axe violations ({screenName}, {(dark ? "dark" : "light")} theme):\n{audit}");
    }

    /// <summary>The icons and borders in messages that say something (ticks, pins, file kinds, quotes, one's own reaction).</summary>
    private static readonly (string Selector, string Property)[] MeaningfulMarks =
    [
        (".bm-log .bm-receipt svg", "color"), (".bm-log .bm-pinned svg", "color"), (".bm-log .bm-forwarded svg", "color"),
        (".bm-log .bm-file-icon svg", "color"), (".bm-log .bm-file-download svg", "color"), (".bm-log .bm-voice-play svg", "color"),
        (".bm-log .bm-voice-download svg", "color"), (".bm-log .bm-voice-rate", "borderTopColor"),
        (".bm-log .bm-quote", "borderLeftColor"), (".bm-log .bm-md blockquote", "borderLeftColor"),
        (".bm-log .bm-reaction.bm-given", "borderTopColor"),
    ];

    [Fact]
    public async Task The_scan_reports_what_axe_finds()
    {
        await using var session = await browser.ReusedSessionAsync();
        await session.Page.SetContentAsync("<html lang=\"en\"><head><title>t</title></head><body><main><img src=\"data:,\"><button></button></main></body></html>");

        var violations = await AxeScan.ViolationsAsync(session.Page);

        Assert.Contains(violations, v => v.StartsWith("image-alt (critical, 1 elements)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("button-name (critical, 1 elements)", StringComparison.Ordinal));
    }

    private static async Task OpenAsync(BrowserSession session, string path)
    {
        await session.Page.GotoAsync(path);
        await session.WaitForInteractiveAsync();
    }

    private sealed class Audit
    {
        private readonly List<string> found = [];

        public int Count { get; private set; }

        public async Task ScanAsync(IPage page, string screen) => Add(screen, await AxeScan.ViolationsAsync(page));

        /// <summary>
        /// axe judges colours only where it can see them: the log's contrast is checked a screen at a time, from its top
        /// to its newest message (the scan above checked everything else).
        /// </summary>
        public async Task SweepLogAsync(IPage page, string screen)
        {
            var log = page.MessageLog();
            // Pictures laid out first: a late one would move what a step shows.
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.bm-log img')].every(i => i.complete)");
            var screens = await log.EvaluateAsync<int>("l => Math.ceil(l.scrollHeight / (l.clientHeight * 0.8))");
            for (var i = 0; i <= screens; i++)
            {
                // Scrolled, then two frames, so what axe reads from the screen is what the step shows.
                await log.EvaluateAsync(
                    "(l, i) => new Promise(done => { l.scrollTop = i * l.clientHeight * 0.8; requestAnimationFrame(() => requestAnimationFrame(done)); })", i);
                Add($"{screen}, screen {i} of the log", await AxeScan.ViolationsAsync(page, "color-contrast"));
            }
        }

        public void Add(string screen, IEnumerable<string> violations)
        {
            foreach (var violation in violations)
            {
                Count++;
                found.Add($"  {screen}: {violation}");
            }
        }

        public override string ToString() => string.Join("\n", found);
    }

    /// <summary>A message's actions as each screen offers them: its button on a desktop, a tap on the bubble on a phone.</summary>
    private static async Task OpenActionsAsync(ILocator message, Screen screen)
    {
        if (screen.Touch)
        {
            await message.Locator(".bm-body").TapAsync();
            return;
        }

        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
    }
}
