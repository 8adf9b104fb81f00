using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>The small things that make a screen look finished, in both themes.</summary>
[Collection(ThirdBrowserCollection.Name)]
public sealed class DailyLooksTests(BrowserFixture browser)
{
    [Fact]
    public async Task Emoji_keep_their_full_colour_in_the_dark_theme()
    {
        var (alice, bob) = await browser.PairAsync();
        var colour = new Dictionary<bool, double>();
        foreach (var dark in new[] { false, true })
        {
            await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
            await session.UseThemeAsync(dark);
            await session.Page.ReloadAsync();
            await session.WaitForInteractiveAsync();
            if (!colour.ContainsKey(false))
            {
                await session.Page.TypeAndSendAsync("🍎");
            }

            var emoji = session.Page.MessageLog().Locator(".bm-jumbo .bm-body").Last;
            await Expect(emoji).ToHaveTextAsync("🍎");
            await session.Page.EvaluateAsync("() => document.fonts.ready");
            colour[dark] = Colourfulness(await emoji.ScreenshotAsync());
        }

        TestContext.Current.SendDiagnosticMessage($"The apple's most saturated tenth: light {colour[false]:0}, dark {colour[true]:0}.");
        Assert.True(colour[true] >= colour[false] * 0.95, $"The apple is washed out in the dark theme: {colour[true]:0} against {colour[false]:0} in the light.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Read_ticks_differ_from_delivered_ones_in_more_than_hue(bool dark)
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await session.UseThemeAsync(dark);
        await session.Page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        var page = session.Page;
        await page.TypeAndSendAsync("read this");
        await page.TypeAndSendAsync("only delivered");
        await Expect(page.StoredBodies()).ToHaveTextAsync(["read this", "only delivered"]);

        var bobId = await browser.IdOfAsync(bob);
        var receipts = browser.App.Services.GetRequiredService<ReceiptService>();
        var seqs = await page.MessageLog().Locator(".bm-msg[data-seq]").EvaluateAllAsync<long[]>("ms => ms.map(m => Number(m.dataset.seq))");
        await receipts.MarkReadAsync(bobId, conversationId, seqs[0], TestContext.Current.CancellationToken);
        await receipts.MarkDeliveredAsync(bobId, new Dictionary<long, long> { [conversationId] = seqs[1] }, TestContext.Current.CancellationToken);
        var read = page.MessageLog().GetByRole(AriaRole.Img, new() { Name = "Read", Exact = true });
        var delivered = page.MessageLog().GetByRole(AriaRole.Img, new() { Name = "Delivered", Exact = true });
        await Expect(read).ToHaveCountAsync(1);
        await Expect(delivered).ToHaveCountAsync(1);

        var (readLight, deliveredLight) = (Luminance(await read.ScreenshotAsync()), Luminance(await delivered.ScreenshotAsync()));
        TestContext.Current.SendDiagnosticMessage($"{(dark ? "Dark" : "Light")} theme: read tick's mean luminance {readLight:0.00}, delivered {deliveredLight:0.00}.");
        Assert.True(Math.Abs(readLight - deliveredLight) >= 0.2,
            $"Read ({readLight:0.00}) and delivered ({deliveredLight:0.00}) ticks differ by hue alone in the {(dark ? "dark" : "light")} theme.");
    }

    [Fact]
    public async Task Personal_datas_delete_button_is_readable_in_the_dark_theme_and_stands_apart_from_download()
    {
        var (alice, _) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, "/chat/none");
        await session.UseThemeAsync(dark: true);
        var page = session.Page;
        await page.GotoAsync("/Account/Manage/PersonalData");
        var delete = page.GetByRole(AriaRole.Link, new() { Name = "Delete" });
        var download = page.GetByRole(AriaRole.Button, new() { Name = "Download" });
        await Expect(delete).ToBeVisibleAsync();

        var colours = await delete.EvaluateAsync<string[]>("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]");
        var contrast = Contrast(colours[0], colours[1]);
        var (a, b) = ((await download.BoundingBoxAsync())!, (await delete.BoundingBoxAsync())!);
        var gap = Math.Max(b.Y - (a.Y + a.Height), b.X - (a.X + a.Width));
        TestContext.Current.SendDiagnosticMessage($"Delete: {colours[0]} on {colours[1]}, {contrast:0.0}:1; {gap:0} px from Download.");
        Assert.True(contrast >= 4.5, $"Delete is {colours[0]} on {colours[1]}: {contrast:0.0}:1.");
        Assert.True(gap >= 12, $"Delete sits {gap:0} px from Download.");
    }

    private static double Contrast(string foreground, string background)
    {
        static double[] Parse(string css) => css[(css.IndexOf('(') + 1)..css.IndexOf(')')].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        static double Linear(double c) => (c /= 255) <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        static double Luminance(double[] c) => 0.2126 * Linear(c[0]) + 0.7152 * Linear(c[1]) + 0.0722 * Linear(c[2]);
        var (f, g) = (Luminance(Parse(foreground)), Luminance(Parse(background)));
        return (Math.Max(f, g) + 0.05) / (Math.Min(f, g) + 0.05);
    }

    /// <summary>The picture's mean relative luminance (0 black – 1 white, as WCAG computes it).</summary>
    private static double Luminance(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        static double Linear(byte channel) => channel / 255.0 is var c && c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        var total = 0.0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                total += 0.2126 * Linear(p.Red) + 0.7152 * Linear(p.Green) + 0.0722 * Linear(p.Blue);
            }
        }

        return total / (bitmap.Width * bitmap.Height);
    }

    /// <summary>How vivid the picture's most colourful tenth of pixels is (max − min channel, 0–255).</summary>
    private static double Colourfulness(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var chroma = new List<int>();
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                chroma.Add(Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)));
            }
        }

        chroma.Sort();
        return chroma.Skip(chroma.Count * 9 / 10).Average();
    }
}
