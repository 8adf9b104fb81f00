using System.Collections.Concurrent;
using System.Net;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>What the pages make the browser download: every text file compressed, nothing the first screen does not use.</summary>
[Collection(ThirdBrowserCollection.Name)]
public sealed class AssetDeliveryTests(BrowserFixture browser)
{
    [Fact]
    public async Task Every_text_file_the_pages_load_comes_compressed_with_brotli()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.NewSessionAsync(screen: Screen.Phone);
        var page = session.Page;
        var responses = new ConcurrentQueue<IResponse>();
        session.Context.Response += (_, response) => responses.Enqueue(response);

        await page.GotoAsync("/Account/Register");
        await session.LogInAsync(alice, BrowserPeople.Password);
        await session.ExpectInAppAsAsync(alice);
        await page.GotoAsync($"/chat/{bob}");
        await session.WaitForInteractiveAsync();
        Assert.DoesNotContain(responses.ToArray(), r => r.Url.Contains("ImageViewerDialog", StringComparison.Ordinal));

        await page.GetByLabel("Attach a file or image").SetInputFilesAsync(
            new FilePayload { Name = "pixel.png", MimeType = "image/png", Buffer = TestImages.Png(40, 30) });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("pixel.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.MessageLog().GetByRole(AriaRole.Button, new() { Name = $"Open image from {alice}" }).ClickAsync();
        var viewer = page.GetByRole(AriaRole.Dialog);
        await viewer.Locator(".bm-viewer-body[data-ready]").WaitForAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Emoji", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Search emoji" })).ToBeVisibleAsync();
        foreach (var path in new[] { "/search?q=hello", "/contacts", "/profile", "/Account/Manage" })
        {
            await page.GotoAsync(path);
        }

        var text = new List<(string Url, string? Encoding)>();
        // What the service worker answered from its cache crossed no network. The headers as received (Headers): the raw
        // ones (AllHeadersAsync) never come for a response the service worker handed through.
        foreach (var response in responses.ToArray().Where(r => r.Status == 200 && !r.FromServiceWorker && !new Uri(r.Url).AbsolutePath.StartsWith("/_blazor/", StringComparison.Ordinal)))
        {
            var headers = response.Headers;
            if (headers.TryGetValue("content-type", out var type) && IsText(type))
            {
                text.Add((response.Url, headers.GetValueOrDefault("content-encoding")));
            }
        }

        Assert.Contains(text, t => t.Url.Contains("/MudBlazor.min.", StringComparison.Ordinal) && t.Url.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Url.Contains("/_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Url.Contains("ImageViewerDialog.razor.js", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Url.EndsWith("/Account/Login", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Url.EndsWith($"/chat/{bob}", StringComparison.Ordinal));
        Assert.All(text, t => Assert.True(t.Encoding == "br", $"{t.Url} came with content-encoding '{t.Encoding}', not br"));
    }

    [Fact]
    public async Task A_signed_in_page_is_compressed_only_when_no_other_site_asked_for_it()
    {
        var (alice, _) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice);
        var cookies = string.Join("; ", (await session.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

        Assert.Equal("br", await EncodingAsync("/search?q=secret", cookies, fetchSite: "same-origin"));
        Assert.Equal("br", await EncodingAsync("/search?q=secret", cookies, fetchSite: "none"));
        Assert.Null(await EncodingAsync("/search?q=secret", cookies, fetchSite: "cross-site"));
        Assert.Null(await EncodingAsync("/search?q=secret", cookies, fetchSite: "same-site"));
        Assert.Null(await EncodingAsync("/search?q=secret", cookies, fetchSite: null));
        Assert.Equal("br", await EncodingAsync("/Account/Login", cookies: null, fetchSite: "cross-site"));
    }

    private async Task<string?> EncodingAsync(string path, string? cookies, string? fetchSite)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });
        using var request = new HttpRequestMessage(HttpMethod.Get, browser.BaseUrl + path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        if (cookies is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return response.Content.Headers.ContentEncoding.SingleOrDefault();
    }

    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal)
        || contentType.Contains("javascript", StringComparison.Ordinal)
        || contentType.Contains("json", StringComparison.Ordinal)
        || contentType.Contains("xml", StringComparison.Ordinal);
}
