using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>One person's browser: a context, its page and the steps every flow repeats.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, string baseUrl) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IBrowserContext Context { get; } = context;

    private Func<IBrowserContext, ValueTask>? giveBack;

    /// <summary>At the end, the context goes back to the fixture to be emptied and reused, rather than closed.</summary>
    public void ReturnTo(Func<IBrowserContext, ValueTask> pool) => giveBack = pool;

    /// <summary>A script every page of this context runs first; such a context is closed at the end, never reused.</summary>
    /// <summary>The theme the app renders from the next page load on (its cookie, as the theme toggle sets it).</summary>
    public Task UseThemeAsync(bool dark) => Context.AddCookiesAsync([new Cookie
    {
        Name = BlazorMessenger.Components.Layout.ThemePreference.CookieName, Value = dark ? "dark" : "light", Url = BaseUrl,
    }]);

    public Task AddInitScriptAsync(string script)
    {
        giveBack = null;
        return Context.AddInitScriptAsync(script);
    }

    /// <summary>A second tab of the same person (same cookies).</summary>
    public async Task<IPage> OpenTabAsync(string path)
    {
        var tab = await Context.NewPageAsync();
        await tab.GotoAsync(path);
        await WaitForInteractiveAsync(tab);
        return tab;
    }

    public string BaseUrl { get; } = baseUrl;

    /// <summary>
    /// Waits for the circuit (prerendered buttons do nothing until it is connected) and for any composer on the page
    /// to have its keyboard and drop listeners attached.
    /// </summary>
    public Task WaitForInteractiveAsync() => WaitForInteractiveAsync(Page);

    public static async Task WaitForInteractiveAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.Locator("[data-interactive]").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.bm-composer-area:not([data-ready]), .bm-log:not([data-ready])').length === 0");
    }

    public async Task RegisterAsync(string userName, string password)
    {
        await Page.GotoAsync("/Account/Register");
        await Page.GetByLabel("Username", new() { Exact = true }).FillAsync(userName);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
    }

    public async Task LogInAsync(string login, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await SubmitLoginAsync(login, password);
    }

    /// <summary>
    /// Signs in through the login form's post made over HTTP with this browser's user agent, and gives the browser the
    /// cookies the app answered with, as if the form had been typed in this browser.
    /// </summary>
    public async Task SignInOverHttpAsync(string login, string password)
    {
        using var client = new FormClient(BaseUrl, userAgent: await Page.EvaluateAsync<string>("navigator.userAgent"));
        await client.LogInAsync(login, password);
        await Context.AddCookiesAsync(client.Cookies.GetAllCookies().Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Url = BaseUrl,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = SameSiteAttribute.Lax,
        }));
    }

    public async Task SubmitLoginAsync(string login, string password)
    {
        await Page.GetByLabel("Username or email").FillAsync(login);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    public async Task ExpectInAppAsAsync(string userName)
    {
        await Expect(Page).ToHaveURLAsync(BaseUrl + "/");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {userName}" })).ToBeVisibleAsync();
    }

    public async Task LogOutAsync(string userName)
    {
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Account menu for {userName}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out", Exact = true }).ClickAsync();
        await ExpectOnLoginPageAsync();
    }

    public async Task ExpectOnLoginPageAsync()
    {
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(BaseUrl) + "/Account/Login"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Once only: a context given back twice would be handed to two people at once.
        var pool = Interlocked.Exchange(ref giveBack, null);
        if (pool is null)
        {
            await Context.CloseAsync();
        }
        else
        {
            await pool(Context);
        }
    }
}
