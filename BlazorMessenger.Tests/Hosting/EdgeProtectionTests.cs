using System.Net;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Hosting;

public sealed class EdgeProtectionTests : IAsyncLifetime
{
    private readonly MessengerAppFactory _app = new(new Dictionary<string, string>
    {
        ["Messenger:Accounts:AttemptBurst"] = "3",
        ["Messenger:Accounts:AttemptsPerMinute"] = "1",
        ["Messenger:Accounts:RegistrationBurst"] = "2",
        ["Messenger:Accounts:RegistrationsPerHour"] = "1",
        ["AllowedHosts"] = "127.0.0.1;messenger.example",
    });

    [Fact]
    public async Task Too_many_login_posts_from_one_address_get_a_readable_429_while_other_addresses_go_on()
    {
        using var busy = new FormClient(_app.BaseUrl, "203.0.113.30");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await LogInAsync(busy);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await LogInAsync(busy);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many attempts came from your network", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var page = await busy.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var elsewhere = new FormClient(_app.BaseUrl, "203.0.113.31");
        using var other = await LogInAsync(elsewhere);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Registrations_are_limited_per_address()
    {
        using var client = new FormClient(_app.BaseUrl, "203.0.113.40");
        var answers = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var response = await client.SubmitAsync("/Account/Register", "register", new Dictionary<string, string>
            {
                ["Input.Username"] = BrowserPeople.NewUserName("reg"),
                ["Input.Password"] = BrowserPeople.Password,
                ["Input.ConfirmPassword"] = BrowserPeople.Password,
            });
            answers.Add(response.StatusCode);
            using var _ = await client.GetAsync("/Account/Logout");
            client.Cookies.GetAllCookies().ToList().ForEach(c => c.Expired = true);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Behind_a_proxy_that_says_https_the_cookies_are_secure_and_no_server_banner_is_sent()
    {
        var userName = BrowserPeople.NewUserName("tls");
        await _app.CreateUserAsync(userName);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");

        using var page = await http.GetAsync(_app.BaseUrl + "/Account/Login", TestContext.Current.CancellationToken);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.False(page.Headers.Contains("Server"));

        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var login = new HttpRequestMessage(HttpMethod.Post, _app.BaseUrl + "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = FormClient.TokenIn(html),
                ["Input.Login"] = userName,
                ["Input.Password"] = BrowserPeople.Password,
            }),
        };
        login.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var loggedIn = await http.SendAsync(login, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Equal("/", loggedIn.Headers.Location?.OriginalString);
        var auth = loggedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_host_that_is_not_allowed_is_refused_and_a_forwarded_one_is_believed_only_if_allowed()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var forged = new HttpRequestMessage(HttpMethod.Get, _app.BaseUrl + "/Account/Manage");
        forged.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(forged, TestContext.Current.CancellationToken)).StatusCode);

        // The origin a script's request may come from is the forwarded host's only when that host is allowed.
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateViaProxyAsync(http, "evil.example"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateViaProxyAsync(http, "messenger.example"));
    }

    [Fact]
    public async Task With_any_host_allowed_a_forged_host_never_reaches_a_redirect()
    {
        await using var open = new MessengerAppFactory(new Dictionary<string, string> { ["AllowedHosts"] = "*" });
        var userName = BrowserPeople.NewUserName("host");
        await open.CreateUserAsync(userName);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var challenge = new HttpRequestMessage(HttpMethod.Get, open.BaseUrl + "/Account/Manage");
        challenge.Headers.Host = "evil.example";
        using var toLogin = await http.SendAsync(challenge, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/Account/Login?", toLogin.Headers.Location!.OriginalString);

        using var client = new FormClient(open.BaseUrl);
        var token = FormClient.TokenIn(await client.GetHtmlAsync("/Account/Login"));
        using var login = new HttpRequestMessage(HttpMethod.Post, open.BaseUrl + "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Login"] = userName,
                ["Input.Password"] = BrowserPeople.Password,
            }),
        };
        login.Headers.Host = "evil.example";
        login.Headers.Add("Cookie", string.Join("; ", client.Cookies.GetAllCookies().Select(c => $"{c.Name}={c.Value}")));
        using var signedIn = await http.SendAsync(login, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/Account/Logout")]
    [InlineData("/Account/PasskeyCreationOptions")]
    [InlineData("/Account/PasskeyRequestOptions")]
    [InlineData("/Account/PerformExternalLogin")]
    [InlineData("/Account/Manage/LinkExternalLogin")]
    public async Task A_post_without_its_antiforgery_token_is_a_400_with_the_security_headers_and_one_warning_at_most(string path)
    {
        var userName = BrowserPeople.NewUserName("csrf");
        await _app.CreateUserAsync(userName);
        using var client = new FormClient(_app.BaseUrl, "203.0.113.60");
        await client.LogInAsync(userName, BrowserPeople.Password);
        var (errors, warnings) = (_app.Errors.All.Count, _app.Errors.Warnings.Count);

        using var response = await client.PostFormAsync(path, new Dictionary<string, string> { ["provider"] = "x", ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("open the page again", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(errors, _app.Errors.All.Count);
        Assert.True(_app.Errors.Warnings.Count - warnings <= 1, string.Join(" | ", _app.Errors.Warnings.Skip(warnings)));
        Assert.True(await client.IsSignedInAsync());
    }

    private async Task<HttpStatusCode> NegotiateViaProxyAsync(HttpClient http, string forwardedHost)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _app.BaseUrl + "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("X-Forwarded-Host", forwardedHost);
        request.Headers.Add("Origin", $"http://{forwardedHost}");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task In_production_a_request_that_came_over_https_gets_hsts()
    {
        await using var production = new MessengerAppFactory(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["AllowedHosts"] = "127.0.0.1;messenger.example",
        });
        using var http = new HttpClient();
        using var secure = new HttpRequestMessage(HttpMethod.Get, production.BaseUrl + "/Account/Login");
        secure.Headers.Add("X-Forwarded-Proto", "https");
        secure.Headers.Add("X-Forwarded-Host", "messenger.example");
        using var plain = new HttpRequestMessage(HttpMethod.Get, production.BaseUrl + "/Account/Login");
        plain.Headers.Add("X-Forwarded-Host", "messenger.example");

        using var overHttps = await http.SendAsync(secure, TestContext.Current.CancellationToken);
        using var overHttp = await http.SendAsync(plain, TestContext.Current.CancellationToken);

        Assert.StartsWith("max-age=", overHttps.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    private static Task<HttpResponseMessage> LogInAsync(FormClient client) =>
        client.SubmitAsync("/Account/Login", "login",
            new Dictionary<string, string> { ["Input.Login"] = "nobody", ["Input.Password"] = "Wrong-passw0rd-guess" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
