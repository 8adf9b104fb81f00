using System.Diagnostics;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public sealed class ImageFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_photo_with_a_caption_reaches_the_other_side_live_opens_in_a_viewer_and_is_served_to_members_only()
    {
        var (alice, bob) = await browser.PairAsync();
        var carol = BrowserPeople.NewUserName("carol");
        await browser.CreateAsync(carol);
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var photo = TestImages.NoisyJpeg(2400, 1500);
        Assert.InRange(photo.Length, 4_000_000, 10_000_000);
        await aliceSession.Page.EvaluateAsync(@"() => { window.sawProgress = false;
            new MutationObserver(() => { if (document.body.innerText.includes('Uploading')) window.sawProgress = true; })
                .observe(document.body, { childList: true, subtree: true, characterData: true }); }");

        var watch = Stopwatch.StartNew();
        // Several megabytes through Playwright's pipe into the page: allow for a busy machine.
        await aliceSession.Page.GetByLabel("Attach a file or image").SetInputFilesAsync(
            new FilePayload { Name = "holiday.jpg", MimeType = "image/jpeg", Buffer = photo }, new() { Timeout = 60_000 });
        await Expect(aliceSession.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("holiday.jpg");
        await aliceSession.Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("The view from the top");
        await aliceSession.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var thumbnail = bobSession.Page.GetByRole(AriaRole.Log).GetByAltText($"Image from {alice}");
        await Expect(thumbnail).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await bobSession.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.ElementHandleAsync());
        var seenAfter = watch.Elapsed;
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "bm-image-latency.txt"), $"{photo.Length} bytes, {seenAfter.TotalMilliseconds:F0} ms");

        Assert.True(await aliceSession.Page.EvaluateAsync<bool>("() => window.sawProgress"), "No upload progress was shown.");
        await Expect(bobSession.Page.GetByRole(AriaRole.Log)).ToContainTextAsync("The view from the top");
        await Expect(bobSession.Page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" }))
            .ToContainTextAsync("📷 The view from the top");
        Assert.Equal("320", await thumbnail.GetAttributeAsync("width"));

        await thumbnail.ClickAsync();
        var viewer = bobSession.Page.GetByRole(AriaRole.Dialog);
        var full = viewer.GetByAltText($"Image from {alice}");
        await Expect(full).ToBeVisibleAsync();
        await bobSession.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 2400", await full.ElementHandleAsync());
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("download=true"));

        var source = await full.GetAttributeAsync("src");
        var asMember = await bobSession.Context.APIRequest.GetAsync(source!);
        Assert.Equal(200, asMember.Status);
        Assert.Equal("image/jpeg", asMember.Headers["content-type"]);
        Assert.Equal("nosniff", asMember.Headers["x-content-type-options"]);
        Assert.StartsWith("private", asMember.Headers["cache-control"]);
        await using var carolSession = await browser.LoggedInAsync(carol);
        Assert.Equal(404, (await carolSession.Context.APIRequest.GetAsync(source!)).Status);
        Assert.Equal(404, (await carolSession.Context.APIRequest.GetAsync(source!.Replace("/full", "/thumb"))).Status);
        await using var anonymous = await browser.ReusedSessionAsync();
        var anonymousResponse = await anonymous.Context.APIRequest.GetAsync(source!, new() { MaxRedirects = 0 });
        Assert.Equal(404, anonymousResponse.Status);
    }

    [Fact]
    public async Task An_image_dropped_on_the_composer_is_attached_and_a_disguised_file_is_refused()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = aliceSession.Page;

        await DropAsync(page, "pixel.png", "image/png", TestImages.Png(40, 30));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("pixel.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Log).GetByAltText($"Image from {alice}")).ToBeVisibleAsync();

        await page.GetByLabel("Attach a file or image").SetInputFilesAsync(new FilePayload
        {
            Name = "cat.png", MimeType = "image/png", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Only PNG, JPEG, GIF and WebP images can be sent.");
        await Expect(page.GetByRole(AriaRole.Log).Locator(".bm-msg")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_tray_shows_the_picked_image_or_file_and_an_empty_file_is_refused_when_picked_until_cancelled()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;
        var attach = page.GetByLabel("Attach a file or image");

        await attach.SetInputFilesAsync(new FilePayload { Name = "empty.txt", MimeType = "text/plain", Buffer = [] });
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This file is empty.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        await attach.SetInputFilesAsync(new FilePayload { Name = "notes.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7"u8.ToArray() });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("notes.pdf (1 KB)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await attach.SetInputFilesAsync(new FilePayload { Name = "wide.png", MimeType = "image/png", Buffer = TestImages.Png(80, 40) });
        var preview = page.GetByRole(AriaRole.Img, new() { Name = "Preview of wide.png" });
        await Expect(preview).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-attachment-preview]')?.naturalWidth === 80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(preview).ToHaveCountAsync(0);
        await Expect(page.MessageLog().Locator(".bm-msg")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_viewer_steps_through_the_conversations_images_by_keys_buttons_and_swipes_and_closes_with_a_swipe_down_or_Esc()
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var conversationId = await browser.ConversationIdAsync(aliceId, bob);
        var attachments = browser.App.Services.GetRequiredService<AttachmentService>();
        foreach (var (width, caption) in new[] { (60, "first"), (70, "second"), (80, "third") })
        {
            var sent = await attachments.SendImageAsync(aliceId, conversationId, Guid.NewGuid(), TestImages.Png(width, 40), caption,
                ct: TestContext.Current.CancellationToken);
            Assert.True(sent.Succeeded, sent.Error);
        }

        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}", screen: Screen.Phone);
        var page = session.Page;
        await page.MessageLog().GetByRole(AriaRole.Button, new() { Name = $"Open image from {alice}" }).Last.TapAsync();
        var viewer = page.GetByRole(AriaRole.Dialog, new() { Name = $"Image from {alice}" });
        await ExpectShowingAsync(viewer, "3 of 3", "third", 80);
        await viewer.Locator(".bm-viewer-body[data-ready]").WaitForAsync();
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToHaveAttributeAsync("download", "");

        await page.Keyboard.PressAsync("ArrowLeft");
        await ExpectShowingAsync(viewer, "2 of 3", "second", 70);
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Previous image" }).TapAsync();
        await ExpectShowingAsync(viewer, "1 of 3", "first", 60);
        await Expect(viewer.Locator("[aria-label='Previous image']")).ToBeDisabledAsync();

        await SwipeAsync(viewer, -150, 0);
        await ExpectShowingAsync(viewer, "2 of 3", "second", 70);
        await SwipeAsync(viewer, 0, 200);
        await Expect(viewer).ToHaveCountAsync(0);

        await page.MessageLog().GetByRole(AriaRole.Button, new() { Name = $"Open image from {alice}" }).First.TapAsync();
        await ExpectShowingAsync(viewer, "1 of 3", "first", 60);
        await viewer.Locator(".bm-viewer-body[data-ready]").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.bm-viewer') !== null");
        await page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
    }

    private static async Task ExpectShowingAsync(ILocator viewer, string position, string caption, int width)
    {
        await Expect(viewer).ToContainTextAsync(position);
        await Expect(viewer.Locator(".bm-viewer-caption")).ToHaveTextAsync(caption);
        var image = viewer.Locator(".bm-viewer-image");
        await Expect(image).ToHaveAttributeAsync("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await image.EvaluateAsync("img => img.decode()");
        Assert.Equal(width, await image.EvaluateAsync<int>("img => img.naturalWidth"));
    }

    /// <summary>A one-finger swipe over the viewer, as touch events (the context has a touch screen).</summary>
    private static Task SwipeAsync(ILocator viewer, int dx, int dy) =>
        viewer.Locator(".bm-viewer-body").EvaluateAsync("""
            (e, [dx, dy]) => {
                const at = (x, y) => new Touch({ identifier: 1, target: e, clientX: x, clientY: y });
                e.dispatchEvent(new TouchEvent('touchstart', { touches: [at(200, 300)], changedTouches: [at(200, 300)], bubbles: true }));
                e.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [at(200 + dx, 300 + dy)], bubbles: true }));
            }
            """, new[] { dx, dy });

    private static async Task DropAsync(IPage page, string name, string type, byte[] bytes)
    {
        await page.Locator(".bm-composer-area[data-ready]").WaitForAsync();
        await page.EvaluateAsync(@"([name, type, base64]) => {
            const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type }));
            const area = document.querySelector('.bm-composer-area');
            area.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            area.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }", new object[] { name, type, Convert.ToBase64String(bytes) });
    }

    [Fact]
    public async Task The_viewer_zooms_in_with_its_button_or_plus_and_back_out_with_minus_or_a_double_click()
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var sent = await browser.App.Services.GetRequiredService<AttachmentService>().SendImageAsync(
            aliceId, await browser.ConversationIdAsync(aliceId, bob), Guid.NewGuid(), TestImages.NoisyJpeg(1600, 1000), null,
            ct: TestContext.Current.CancellationToken);
        Assert.True(sent.Succeeded, sent.Error);
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = session.Page;
        await page.MessageLog().GetByRole(AriaRole.Button, new() { Name = $"Open image from {alice}" }).ClickAsync();
        var viewer = page.GetByRole(AriaRole.Dialog, new() { Name = $"Image from {alice}" });
        var image = viewer.GetByRole(AriaRole.Img, new() { Name = $"Image from {alice}" });
        await Expect(viewer.Locator("[data-ready]")).ToHaveCountAsync(1);
        await image.EvaluateAsync("i => i.decode()");
        var fitted = await ShownWidthAsync(image);

        await viewer.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await page.WaitForFunctionAsync($"w => ({Shown}) >= w * 1.45", fitted);
        await page.Keyboard.PressAsync("+");
        await page.WaitForFunctionAsync($"w => ({Shown}) >= w * 1.95", fitted);
        await page.Keyboard.PressAsync("-");
        await page.Keyboard.PressAsync("-");
        await page.WaitForFunctionAsync($"w => Math.abs(({Shown}) - w) < 2", fitted);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Zoom out" })).ToBeDisabledAsync();

        await image.DblClickAsync();
        await page.WaitForFunctionAsync($"w => ({Shown}) >= w * 1.45", fitted);
        await image.DblClickAsync();
        await page.WaitForFunctionAsync($"w => Math.abs(({Shown}) - w) < 2", fitted);
    }

    /// <summary>The width the picture takes on screen (object-fit may draw it smaller than its box).</summary>
    private const string Shown =
        "(i => Math.min(i.clientWidth, i.clientHeight * i.naturalWidth / i.naturalHeight))(document.querySelector('.bm-viewer-image'))";

    private static Task<double> ShownWidthAsync(ILocator image) => image.EvaluateAsync<double>($"() => {Shown}");
}
