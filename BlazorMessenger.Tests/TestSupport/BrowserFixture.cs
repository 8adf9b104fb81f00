using Microsoft.Playwright;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// One app server and one Debian Chromium for all browser tests. Each person of a test gets a browser context of their
/// own: a new one (<see cref="NewSessionAsync"/>), or for a signed-in person one a finished test gave back, emptied
/// (<see cref="SessionPool"/>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        // Voice messages record from a fake microphone, granted without a prompt.
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    /// <summary>
    /// How long an action waits for its element, and an assertion for its condition: generous, because the suite keeps
    /// both cores busy (two collections at once), and a wait ends as soon as its condition holds (timing is asserted
    /// with explicit figures where it matters).
    /// </summary>
    public const int ActionTimeoutMs = 30_000;

    private IPlaywright? playwright;
    private IBrowser? browser;
    private SessionPool? pool;

    public MessengerAppFactory App { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium at {ChromiumPath}. Install it with " +
                "`sudo apt-get install -y chromium chromium-driver` (./test.sh does this itself when run as root).");
        }

        BaseUrl = App.BaseUrl;
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(10_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        pool = new SessionPool(BaseUrl, screen => NewSessionAsync(screen: screen));
    }

    /// <summary>A new browser context: its own cookies, like a separate person or browser profile.</summary>
    /// <param name="baseUrl">Where the app is reached: the app itself, or a <see cref="TcpProxy"/> in front of it.</param>
    /// <param name="screen">The device: a desktop window unless a test asks for a phone.</param>
    /// <param name="serviceWorkers">False: the app's service worker is never registered (Playwright's routes don't see what one fetches).</param>
    public async Task<BrowserSession> NewSessionAsync(string? baseUrl = null, Screen? screen = null, bool serviceWorkers = true)
    {
        baseUrl ??= BaseUrl;
        var options = (screen ?? Screen.Desktop).ContextOptions(baseUrl);
        options.ServiceWorkers = serviceWorkers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(ActionTimeoutMs);
        return new BrowserSession(context, await context.NewPageAsync(), baseUrl);
    }

    /// <summary>
    /// A browser profile on disk (not incognito, as every other context is): what Chromium's installability check and
    /// an installed app need. Dispose the context, then delete the directory.
    /// </summary>
    public Task<IBrowserContext> NewProfileAsync(string userDataDirectory) =>
        (playwright ?? throw new InvalidOperationException("The browser is not started.")).Chromium.LaunchPersistentContextAsync(
            userDataDirectory, new BrowserTypeLaunchPersistentContextOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs, BaseURL = BaseUrl });

    /// <summary>A browser context for a person to sign in with: an emptied one a finished test gave back, or a new one.</summary>
    public Task<BrowserSession> ReusedSessionAsync(Screen? screen = null) =>
        (pool ?? throw new InvalidOperationException("The browser is not started.")).RentAsync(screen ?? Screen.Desktop);

    /// <summary>A network to the app that a test can cut; dispose it at the end of the test.</summary>
    public TcpProxy NewProxy() => new(new Uri(BaseUrl));

    public async ValueTask DisposeAsync()
    {
        if (pool is not null)
        {
            await pool.DisposeAsync();
        }

        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Browser tests run in three lanes, each with its own app and Chromium, so that a lane can run beside the other
/// collections (xunit runs two at once, the longest first: <see cref="LongestFirst"/>). A lane's tests run one at a
/// time; give a new test class the lane with the least time in it (README, "Tests").
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The second lane of browser tests (see <see cref="BrowserCollection"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser 2";
}

/// <summary>The third lane of browser tests (see <see cref="BrowserCollection"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ThirdBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser 3";
}
