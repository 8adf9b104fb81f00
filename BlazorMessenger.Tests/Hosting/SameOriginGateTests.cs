using System.Net;
using System.Net.WebSockets;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Hosting;

/// <summary>
/// Cross-site WebSocket hijacking: the circuit hub and the endpoints a page's script calls with the sign-in cookie
/// answer a foreign Origin 403, and the app's own origin (behind a proxy: as the browser sees it) is let through.
/// </summary>
public sealed class SameOriginGateTests : IAsyncLifetime
{
    private const string Partner = "https://partner.example";

    private readonly MessengerAppFactory _app = new(new Dictionary<string, string>
    {
        ["AllowedHosts"] = "127.0.0.1;messenger.example",
        ["Messenger:Security:AllowedOrigins:0"] = Partner,
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Negotiating_the_hub_from_another_origin_is_refused_and_from_the_apps_own_it_works()
    {
        var port = new Uri(_app.BaseUrl).Port;
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync($"http://127.0.0.1:{port + 1}"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync($"https://127.0.0.1:{port}"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("null"));

        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(_app.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(null));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(Partner));
    }

    [Fact]
    public async Task A_websocket_upgrade_from_another_origin_gets_403_and_one_from_the_apps_own_opens()
    {
        var (status, opened) = await OpenSocketAsync("http://evil.example");
        Assert.Equal((HttpStatusCode.Forbidden, false), (status, opened));

        (status, opened) = await OpenSocketAsync(_app.BaseUrl);
        Assert.Equal((HttpStatusCode.SwitchingProtocols, true), (status, opened));
    }

    [Fact]
    public async Task Behind_a_proxy_the_origin_is_the_one_the_browser_sees()
    {
        static void ViaProxy(HttpRequestMessage request)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "messenger.example");
        }

        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync("https://messenger.example", ViaProxy));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("http://messenger.example", ViaProxy));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(_app.BaseUrl, ViaProxy));
    }

    [Theory]
    [InlineData("GET", "/media/abc/full")]
    [InlineData("GET", "/avatars/abc")]
    [InlineData("POST", "/Account/PasskeyRequestOptions")]
    [InlineData("POST", "/Account/Logout")]
    public async Task Endpoints_that_scripts_call_with_the_cookie_refuse_another_origin(string method, string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var foreign = new HttpRequestMessage(new HttpMethod(method), _app.BaseUrl + path);
        foreign.Headers.Add("Origin", "http://evil.example");
        using var refused = await http.SendAsync(foreign, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Content-Security-Policy"));
        using var own = new HttpRequestMessage(new HttpMethod(method), _app.BaseUrl + path);
        own.Headers.Add("Origin", _app.BaseUrl);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await http.SendAsync(own, Ct)).StatusCode);
    }

    private async Task<HttpStatusCode> NegotiateAsync(string? origin, Action<HttpRequestMessage>? configure = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _app.BaseUrl + "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        configure?.Invoke(request);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private async Task<(HttpStatusCode Status, bool Opened)> OpenSocketAsync(string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(new Uri(_app.BaseUrl.Replace("http://", "ws://") + "/_blazor"), Ct);
            return (socket.HttpStatusCode, socket.State == WebSocketState.Open);
        }
        catch (WebSocketException)
        {
            return (socket.HttpStatusCode, false);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
