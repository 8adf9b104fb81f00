using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>Replies, reactions, pins and forwarding, live between people in real browsers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RichMessageFlowTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reply_shows_its_quote_live_and_the_quote_jumps_to_an_original_far_back()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 60);
        var chat = browser.App.Services.GetRequiredService<ChatService>();
        var first = (await chat.GetAroundAsync(aliceId, conversationId, 1, Ct))[0];
        Assert.True((await chat.SendAsync(aliceId, conversationId, Guid.NewGuid(), "about the first one", first.Id, Ct)).Succeeded);
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var bobLog = bobSession.Page.MessageLog();

        var reply = bobLog.Locator(".bm-msg", new() { HasText = "about the first one" });
        await Expect(bobLog.Locator(".bm-msg[data-seq='1']")).ToHaveCountAsync(0);
        await reply.GetByRole(AriaRole.Button, new() { Name = "Reply to " }).ClickAsync();
        var original = bobLog.Locator(".bm-msg[data-seq='1']");
        await Expect(original).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bm-target"));
        await Expect(original).ToBeInViewportAsync();

        await original.HoverAsync();
        await original.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await bobSession.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Reply" }).ClickAsync();
        await Expect(bobSession.Page.GetByRole(AriaRole.Group, new() { Name = $"Replying to {alice}" })).ToContainTextAsync("message 1");
        await Expect(bobSession.Page.MessageBox()).ToBeFocusedAsync();
        await bobSession.Page.Keyboard.TypeAsync("yes, that one");
        await bobSession.Page.Keyboard.PressAsync("Enter");
        await Expect(bobSession.Page.GetByRole(AriaRole.Group, new() { Name = $"Replying to {alice}" })).ToHaveCountAsync(0);

        var answer = aliceSession.Page.MessageLog().Locator(".bm-msg", new() { HasText = "yes, that one" });
        await Expect(answer.Locator(".bm-quote")).ToContainTextAsync("You");
        await Expect(answer.Locator(".bm-quote")).ToContainTextAsync("message 1");
        var stored = (await chat.GetAfterAsync(aliceId, conversationId, 61, Ct)).Single(m => m.Body == "yes, that one");
        Assert.Equal(first.Id, stored.ReplyToId);
    }

    [Fact]
    public async Task A_reaction_and_a_pin_show_live_and_the_pinned_bar_jumps_to_the_message()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await aliceSession.Page.TypeAndSendAsync("dinner at 8?");
        var atBob = bobSession.Page.MessageLog().Locator(".bm-msg[data-seq]", new() { HasText = "dinner at 8?" });
        var atAlice = aliceSession.Page.MessageLog().Locator(".bm-msg[data-seq]", new() { HasText = "dinner at 8?" });

        await atBob.HoverAsync();
        await atBob.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await bobSession.Page.GetByRole(AriaRole.Button, new() { Name = "React with 👍" }).ClickAsync();
        var chip = atAlice.Locator(".bm-reaction[data-emoji='👍']");
        await Expect(chip).ToContainTextAsync("1");
        await Expect(chip).ToHaveAttributeAsync("aria-pressed", "false");
        await chip.ClickAsync();
        await Expect(atBob.Locator(".bm-reaction[data-emoji='👍'] .bm-reaction-count")).ToHaveTextAsync("2");
        await Expect(chip).ToHaveAttributeAsync("aria-pressed", "true");
        await chip.HoverAsync();
        await Expect(chip.Locator(".bm-reaction-who")).ToBeVisibleAsync();
        await Expect(chip.Locator(".bm-reaction-who")).ToHaveTextAsync($"You and {bob}");

        await atAlice.HoverAsync();
        await atAlice.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await aliceSession.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Pin" }).ClickAsync();
        var bar = bobSession.Page.GetByRole(AriaRole.Button, new() { Name = "Pinned message 1 of 1: dinner at 8?. Show it" });
        await Expect(bar).ToBeVisibleAsync();
        await Expect(atBob.GetByRole(AriaRole.Img, new() { Name = "Pinned" })).ToBeVisibleAsync();
        await bar.ClickAsync();
        await Expect(atBob).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bm-target"));
    }

    [Fact]
    public async Task A_message_is_forwarded_to_another_conversation_marked_forwarded()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var bobId = await browser.IdOfAsync(bob);
        var chat = browser.App.Services.GetRequiredService<ChatService>();
        var withAlice = await browser.ConversationIdAsync(bobId, alice);
        await chat.SendAsync(bobId, withAlice, Guid.NewGuid(), "the address is 5 Elm St", ct: Ct);
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var carolSession = await browser.LoggedInAsync(carol, $"/chat/{alice}");
        var message = aliceSession.Page.MessageLog().Locator(".bm-msg[data-seq]", new() { HasText = "5 Elm St" });

        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await aliceSession.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Forward" }).ClickAsync();
        var dialog = aliceSession.Page.GetByRole(AriaRole.Dialog, new() { Name = "Forward message" });
        await dialog.GetByLabel("Search conversations").FillAsync(carol[..5]);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = carol }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Forward", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var copy = carolSession.Page.MessageLog().Locator(".bm-msg[data-seq]", new() { HasText = "5 Elm St" });
        await Expect(copy.Locator(".bm-forwarded")).ToContainTextAsync("Forwarded");
    }

    [Fact]
    public async Task A_file_sent_by_one_is_downloaded_by_the_other_as_an_attachment()
    {
        var (alice, bob, _, _) = await browser.ChatPairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var content = "name,amount\nrent,900\n"u8.ToArray();

        await aliceSession.Page.GetByLabel("Attach a file or image").SetInputFilesAsync(
            new FilePayload { Name = "budget.csv", MimeType = "text/csv", Buffer = content });
        await Expect(aliceSession.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("budget.csv");
        await aliceSession.Page.MessageBox().FillAsync("the numbers");
        await aliceSession.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var message = bobSession.Page.MessageLog().Locator(".bm-msg", new() { HasText = "the numbers" });
        var card = message.GetByRole(AriaRole.Link, new() { Name = "Download budget.csv, 1 KB" });
        await Expect(card).ToBeVisibleAsync();
        var download = await bobSession.Page.RunAndWaitForDownloadAsync(() => card.ClickAsync());
        Assert.Equal("budget.csv", download.SuggestedFilename);
        Assert.Equal(content, await File.ReadAllBytesAsync(await download.PathAsync(), Ct));
        var href = await card.EvaluateAsync<string>("a => a.href");
        var response = await bobSession.Page.Context.APIRequest.GetAsync(href);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("attachment", response.Headers["content-disposition"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.Equal("text/csv", response.Headers["content-type"]);
    }

    [Fact]
    public async Task A_voice_message_recorded_from_the_microphone_plays_seeks_and_speeds_up_in_the_apps_own_player()
    {
        var (alice, bob, _, _) = await browser.ChatPairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = aliceSession.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Record a voice message" }).ClickAsync();
        var bar = page.GetByRole(AriaRole.Group, new() { Name = "Recording a voice message" });
        await Expect(bar.Locator("[data-record-timer]")).ToHaveTextAsync("0:02", new() { Timeout = 10_000 });
        await bar.GetByRole(AriaRole.Button, new() { Name = "Send voice message" }).ClickAsync();
        await Expect(bar).ToHaveCountAsync(0);

        // The app's own player: play / pause, a slider that seeks, the time, and the speed; no bare <audio> controls.
        var note = bobSession.Page.MessageLog().Locator("[data-voice-player]");
        var play = note.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Play voice message, 0:0[2-3]$") });
        await Expect(play).ToBeVisibleAsync();
        await Expect(note.Locator("audio[controls]")).ToHaveCountAsync(0);
        await bobSession.Page.WaitForFunctionAsync("() => { const a = document.querySelector('audio[data-voice]'); return a && isFinite(a.duration) && a.duration > 1.5 && a.seekable.length > 0; }");
        var slider = note.GetByRole(AriaRole.Slider, new() { Name = "Position in the voice message" });
        await slider.FocusAsync();
        await slider.PressAsync("End");
        await slider.PressAsync("Home");
        await slider.FillAsync("1");
        var position = await note.Locator("audio").EvaluateAsync<double>("a => a.currentTime");
        Assert.InRange(position, 0.9, 1.1);

        var speed = note.GetByRole(AriaRole.Button, new() { Name = "Playback speed 1×" });
        await speed.ClickAsync();
        await Expect(note.GetByRole(AriaRole.Button, new() { Name = "Playback speed 1.5×" })).ToBeVisibleAsync();
        Assert.Equal(1.5, await note.Locator("audio").EvaluateAsync<double>("a => a.playbackRate"));
        await note.Locator("audio").EvaluateAsync("a => a.muted = true");
        await play.ClickAsync();
        await Expect(note.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pause voice message") })).ToBeVisibleAsync();
        await Expect(note.Locator("[data-voice-time]")).Not.ToHaveTextAsync("0:01", new() { Timeout = 5_000 });
        await Expect(aliceSession.Page.ConversationList()).ToContainTextAsync("Voice message");
    }
}
