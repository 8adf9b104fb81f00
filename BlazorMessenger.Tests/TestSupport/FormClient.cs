using System.Net;
using System.Text.RegularExpressions;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// A browser without a browser, for the account pages (static server rendering): cookies, no automatic redirects,
/// and form posts with the page's antiforgery token. A client address makes it look as if it came through a proxy
/// from there (loopback is a trusted proxy).
/// </summary>
public sealed partial class FormClient : IDisposable
{
    private readonly HttpClient _http;

    public FormClient(string baseUrl, string? clientAddress = null, CookieContainer? cookies = null, string? userAgent = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies })
        {
            BaseAddress = new Uri(baseUrl),
        };
        if (clientAddress is not null)
        {
            _http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        }

        if (userAgent is not null)
        {
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }
    }

    public CookieContainer Cookies { get; }

    /// <summary>Another client holding a copy of this one's cookies, as a thief with a copied cookie would.</summary>
    public FormClient WithCopiedCookies()
    {
        var copy = new CookieContainer();
        copy.Add(Cookies.GetAllCookies());
        return new FormClient(_http.BaseAddress!.ToString(), cookies: copy);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path, TestContext.Current.CancellationToken);

    /// <summary>A GET with headers of the caller's (a conditional request, say).</summary>
    public Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure(request);
        return _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<string> GetHtmlAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Fetches the page, then posts its form (by form name) with the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var html = await GetHtmlAsync(path);
        return await PostAsync(path, TokenIn(html), fields.Append(new("_handler", formName)));
    }

    /// <summary>Posts to an endpoint with a token taken from a page this client fetched before.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
            TestContext.Current.CancellationToken);

    /// <summary>Posts form fields as they are, without a token: what another site's form would send.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    public async Task LogInAsync(string userName, string password)
    {
        using var response = await SubmitAsync("/Account/Login", "login",
            new Dictionary<string, string> { ["Input.Login"] = userName, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("Account/Lockout") == false,
            $"Logging in as {userName} answered {(int)response.StatusCode} {response.Headers.Location}.");
    }

    /// <summary>Whether this client's cookie still opens an app page (a signed-out one is sent to the login page).</summary>
    public async Task<bool> IsSignedInAsync()
    {
        using var response = await GetAsync("/Account/Manage");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static string TokenIn(string html) =>
        TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value
            : throw new InvalidOperationException("The page has no antiforgery token.");

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
