using System.Text.Json;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace BlazorMessenger.Tests.Browser;

/// <summary>
/// A page on the same site but another origin (another port of the app's host: the browser sends the signed-in
/// person's Lax cookie there) tries the circuit hub with that cookie, in a real Chromium where the person is signed in.
/// </summary>
[Collection(ThirdBrowserCollection.Name)]
public sealed class CrossSiteHijackTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_page_on_another_port_of_the_same_host_cannot_open_the_hub_with_the_signed_in_persons_cookie()
    {
        var (alice, _) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice);
        var app = new Uri(browser.BaseUrl);
        await using var attacker = await AttackerSiteAsync(AttackPage(app));
        Assert.Equal(app.Host, new Uri(attacker.Urls.First()).Host);
        var warnings = browser.App.Errors.Warnings.Count;

        await session.Page.GotoAsync(attacker.Urls.First());
        await session.Page.WaitForFunctionAsync("() => window.results.socket !== 'pending' && window.results.negotiate !== 'pending'");
        var results = JsonSerializer.Deserialize<Dictionary<string, string?>>(
            await session.Page.EvaluateAsync<string>("() => JSON.stringify(window.results)"))!;

        Assert.Equal("refused", results["socket"]);
        Assert.Null(results["handshake"]);
        Assert.Equal("failed", results["negotiate"]);
        // The server's word that both were answered 403 (the page cannot read a cross-origin status).
        var refusals = browser.App.Errors.Warnings.Skip(warnings).Where(w => w.Contains($"({attacker.Urls.First()})", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, w => w.Contains("Refused GET /_blazor from", StringComparison.Ordinal));
        Assert.Contains(refusals, w => w.Contains("Refused POST /_blazor/negotiate from", StringComparison.Ordinal));

        // The person's own pages still connect with the same cookie.
        await session.Page.GotoAsync(browser.BaseUrl + "/");
        await session.WaitForInteractiveAsync();
    }

    /// <summary>Opens the hub's WebSocket (then says the circuit protocol's hello) and negotiates, with the browser's cookies.</summary>
    private static string AttackPage(Uri app) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Free prizes</title></head><body>
        <script>
        window.results = { socket: 'pending', handshake: null, negotiate: 'pending' };
        const socket = new WebSocket('ws://{{app.Authority}}/_blazor');
        socket.onopen = () => {
            results.socket = 'open';
            socket.send('{"protocol":"blazorpack","version":1}\u001e');
        };
        socket.onmessage = e => { results.handshake = typeof e.data === 'string' ? e.data : 'binary'; };
        socket.onclose = () => { if (results.socket === 'pending') results.socket = 'refused'; };
        fetch('http://{{app.Authority}}/_blazor/negotiate?negotiateVersion=1', { method: 'POST', credentials: 'include' })
            .then(r => r.text().then(t => { results.negotiate = 'read ' + r.status + ' ' + t; }), () => { results.negotiate = 'failed'; });
        </script>
        </body></html>
        """;

    private static async Task<WebApplication> AttackerSiteAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/", () => Results.Content(html, "text/html"));
        await site.StartAsync(TestContext.Current.CancellationToken);
        return site;
    }
}
