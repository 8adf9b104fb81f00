using System.Net;
using System.Text.RegularExpressions;

namespace BlazorMessenger.LoadTest;

/// <summary>
/// One person's browser session without a browser: a cookie jar, signed in through the app's own login form (its
/// antiforgery token and handler name read from the page, as the browser posts them), then chat pages fetched with it.
/// </summary>
public sealed partial class Person(Uri baseUri, string userName)
{
    public string UserName { get; } = userName;

    public CookieContainer Cookies { get; } = new();

    public async Task LogInAsync(string password, CancellationToken cancellationToken)
    {
        using var http = NewClient();
        var form = await http.GetStringAsync(new Uri(baseUri, "Account/Login"), cancellationToken);
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Login"] = UserName;
        fields["Input.Password"] = password;
        using var response = await http.PostAsync(new Uri(baseUri, "Account/Login"), new FormUrlEncodedContent(fields), cancellationToken);
        var signedIn = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther
            && Cookies.GetCookies(baseUri).Any(c => c.Name == ".AspNetCore.Identity.Application");
        if (!signedIn)
        {
            throw new InvalidOperationException($"Logging in as {UserName} failed: HTTP {(int)response.StatusCode}.");
        }
    }

    /// <summary>A page as this person's browser gets it (prerendered, whatever its status).</summary>
    public async Task<string> FetchAsync(string path, CancellationToken cancellationToken)
    {
        using var http = NewClient();
        using var response = await http.GetAsync(new Uri(baseUri, path), cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Fetches /chat/{peer} (prerendered, as the browser's first request) and starts its circuit.</summary>
    public async Task<ChatCircuit> OpenChatAsync(string peer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var page = new Uri(baseUri, $"chat/{Uri.EscapeDataString(peer)}");
        string html;
        using (var http = NewClient())
        {
            html = await http.GetStringAsync(page, cancellationToken);
        }

        return await ChatCircuit.StartAsync(page, html, Cookies, timeout, cancellationToken);
    }

    private HttpClient NewClient() => new(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    [GeneratedRegex(@"<input[^>]*type=""hidden""[^>]*name=""(?<name>[^""]+)""[^>]*value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
