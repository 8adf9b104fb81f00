using BlazorMessenger.Components.Layout;
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
            await session.Context.AddCookiesAsync([new Cookie { Name = ThemePreference.CookieName, Value = dark ? "dark" : "light", Url = session.BaseUrl }]);
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
        await session.Context.AddCookiesAsync([new Cookie { Name = ThemePreference.CookieName, Value = dark ? "dark" : "light", Url = session.BaseUrl }]);
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
