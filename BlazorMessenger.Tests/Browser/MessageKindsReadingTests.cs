using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>
/// The chat with every kind of message (MessageKinds) from the keyboard and as a screen reader gets it: the accessibility
/// tree Chromium builds, which is what assistive technology reads.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageKindsReadingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Every_message_is_reached_in_order_with_the_arrow_keys_and_each_kind_says_what_it_holds()
    {
        var (alice, bob) = await browser.PairAsync();
        var group = await browser.SeedKindsGroupAsync(bob, alice);
        await using var session = await browser.LoggedInAsync(bob, $"/group/{group}");
        var page = session.Page;
        var log = page.MessageLog();
        await Expect(log.Locator(".bm-voice-note")).ToHaveCountAsync(2);

        // Up from the log: the newest first, then each older one, notices included, to the first; Down comes back.
        var shown = await log.Locator("[data-seq]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.seq)");
        Assert.True(shown.Length > 30, $"The fixture shows {shown.Length} messages.");
        await log.FocusAsync();
        var up = new List<string>();
        foreach (var _ in shown)
        {
            await page.Keyboard.PressAsync("ArrowUp");
            up.Add(await FocusedSeqAsync(page));
        }

        Assert.Equal(shown.Reverse(), up);
        var down = new List<string>();
        foreach (var _ in shown.Skip(1))
        {
            await page.Keyboard.PressAsync("ArrowDown");
            down.Add(await FocusedSeqAsync(page));
        }

        Assert.Equal(shown.Skip(1), down);

        // Each kind, as read out: the sender first (the message is an article named by them), then what it holds.
        await Expect(Message(log, "Plain words about the quokka").First).ToHaveAccessibleNameAsync($"{alice}:");
        await Expect(Message(log, "Replying to words").First).ToMatchAriaSnapshotAsync(
            $"- article \"{alice}:\":\n  - 'button \"Reply to you: Plain words about the quokka. Show that message\"'\n  - text: Replying to words");
        await Expect(Message(log, "Replying to a picture").Last).ToMatchAriaSnapshotAsync(
            $"- article \"You:\":\n  - 'button \"Reply to {alice}: 📷 a picture 🙂. Show that message\"'\n  - img \"Sent\"");
        await Expect(Message(log, "Replying to a file").Last).ToMatchAriaSnapshotAsync(
            $"- article:\n  - 'button \"Reply to {alice}: 📄 {MessageKinds.FileName}. Show that message\"'");
        await Expect(Message(log, "Replying to a voice note").Last).ToMatchAriaSnapshotAsync(
            $"- article:\n  - 'button \"Reply to {alice}: 🎤 Voice message. Show that message\"'");
        await Expect(log.Locator("[role=article]:has(.bm-file)").First).ToMatchAriaSnapshotAsync(
            $"- article \"{alice}:\":\n  - link \"Download {MessageKinds.FileName}, 12 KB\"");
        await Expect(log.Locator("[role=article]:has(.bm-voice-note)").First).ToMatchAriaSnapshotAsync(
            $"- article:\n  - button \"Play voice message, 0:12\"\n  - slider \"Position in the voice message\"\n  - button \"Playback speed 1×\"\n  - link \"Download voice message\"");
        await Expect(log.Locator("[role=article]:has(.bm-md blockquote)").First).ToMatchAriaSnapshotAsync(
            "- article:\n  - paragraph:\n    - strong: Bold\n    - code: inline code\n  - blockquote:\n    - paragraph: a quoted line\n  - list:\n    - listitem: first point\n    - listitem: second point\n" +
            $"  - group \"Reactions\":\n    - 'button \"👍 2: You and {alice}\" [pressed]'");
        await Expect(log.Locator("[role=article]:has(.bm-image-button)").First).ToMatchAriaSnapshotAsync(
            $"- article:\n  - button \"Open image from {alice}\":\n    - img \"Image from {alice}\"\n  - text: a picture 🙂\n  - group \"Reactions\":\n    - 'button \"😂 1: You\" [pressed]'");
        await Expect(Message(log, "The facts are at").First).ToMatchAriaSnapshotAsync(
            "- article:\n  - paragraph:\n    - link \"https://example.com/quokka-facts\"\n  - img \"Pinned\"");
        await Expect(Message(log, "A typo that was fixed").Last).ToMatchAriaSnapshotAsync("- article \"You:\":\n  - text: \"You: A typo that was fixed edited\"\n  - img \"Read\"");
        await Expect(Message(log, "This message was deleted").First).ToHaveAccessibleNameAsync($"{alice}:");
        await Expect(Message(log, "Forwarded").Last).ToContainTextAsync("Forwarded");
        await Expect(Message(log, "Build 1234 passed").First).ToHaveAccessibleNameAsync("Quokka Bot, bot:");
        await Expect(Message(log, "Noted by the bot").First).ToMatchAriaSnapshotAsync(
            "- article \"Quokka Bot, bot:\":\n  - 'button \"Reply to you: Plain words about the quokka. Show that message\"'\n  - text: Noted by the bot");
        var alert = Message(log, "QuokkaHungry").First;
        await Expect(alert).ToHaveAccessibleNameAsync("Alertmanager, app, via Quokka alerts:");
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = "[FIRING:1] QuokkaHungry" })).ToHaveAttributeAsync("href", "https://alerts.example.com/#/alerts");
        await Expect(alert.Locator(".bm-card strong")).ToHaveTextAsync("6 hours");
        await Expect(alert).ToContainTextAsync("enclosure");
        await Expect(Message(log, "finished").First).ToHaveAccessibleNameAsync("ci, app, via Quokka alerts:");
        await Expect(log.GetByRole(AriaRole.Note)).ToHaveTextAsync([$"{bob} created the group \"Quokka club\"", $"{bob} renamed the group to \"Quokka fan club\""]);

        // Every control in the log has a name (axe checks the same on every screen): the quote, the file, the player's
        // controls, the reactions and each message's actions.
        var controls = log.Locator("button, a[href], input");
        Assert.True(await controls.CountAsync() > 60);
        var nameless = await controls.EvaluateAllAsync<string[]>(
            "controls => controls.filter(c => !(c.getAttribute('aria-label') || c.textContent).trim()).map(c => c.outerHTML.slice(0, 120))");
        Assert.Empty(nameless);
    }

    private static ILocator Message(ILocator log, string text) => log.Locator("[role=article]", new() { HasText = text });

    private static Task<string> FocusedSeqAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.dataset.seq ?? 'none'");
}
