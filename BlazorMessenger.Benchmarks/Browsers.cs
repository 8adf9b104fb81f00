using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>Debian's Chromium driven by Playwright, with the flags this machine needs.</summary>
public sealed class Browsers : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>What Chromium needs on this machine (no sandbox as root, no GPU, nothing fetched in the background).</summary>
    public static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;

    private Browsers(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public IPlaywright Playwright => _playwright;

    public static async Task<Browsers> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser benchmarks need Debian's Chromium at {ChromiumPath}: sudo apt-get install -y chromium chromium-driver " +
                "(./test.sh installs it when run as root).");
        }

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                .. ChromiumFlags, "--disable-quic",
                // Many tabs at once: background tabs must keep running their circuits like foreground ones.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });
        return new Browsers(playwright, browser);
    }

    /// <summary>A logged-in browser context (its own cookies, and any given ones for the site) for one person.</summary>
    public async Task<IBrowserContext> LogInAsync(string baseUrl, string userName, params (string Name, string Value)[] cookies)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        context.SetDefaultTimeout(60_000);
        if (cookies.Length > 0)
        {
            await context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = baseUrl }));
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Username or email").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DataGenerator.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
        await page.CloseAsync();
        return context;
    }

    /// <summary>Opens a page and waits until its circuit is connected and its composer (if any) is wired up.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>A person's chat with the peer, once its message log is there and ready (a probe may observe it).</summary>
    public static async Task<IPage> OpenChatAsync(IBrowserContext context, string peer)
    {
        var page = await OpenAsync(context, $"/chat/{peer}");
        await page.Locator(".bm-log[data-ready]").WaitForAsync();
        return page;
    }

    public static async Task WaitForInteractiveAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.Locator("[data-interactive]").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.bm-composer-area:not([data-ready]), .bm-log:not([data-ready])').length === 0");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
