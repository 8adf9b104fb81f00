using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// The first load on a phone, against the published app (Release; at smoke size the build already there; Production, its brotli files): the login page, and a
/// signed-in chat with 50 messages. Bytes transferred on a cold load are counted in Chromium (a chat's up to the moment
/// its circuit starts); Lighthouse's mobile preset scores each page and gives its paint times (median of the runs).
/// </summary>
public static class FirstLoadScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log)
    {
        await Lighthouse.EnsureInstalledAsync(log);
        var published = await AppProcess.PublishAsync(fromThisBuild: options.Smoke);
        var data = BenchSettings.NewDataDirectory("firstload");
        try
        {
            var (reader, writer) = await CreateChatAsync(data);
            await using var app = await AppProcess.StartPublishedAsync(published, data);
            await using var browsers = await Browsers.LaunchAsync();
            await using var signedIn = await browsers.LogInAsync(app.BaseUrl, reader.UserName);
            var cookies = (await signedIn.CookiesAsync()).Select(AsCookie).ToList();
            var runs = options.Smoke ? 1 : 5;

            var loginBytes = await TransferredKbAsync(browsers.Browser, $"{app.BaseUrl}/Account/Login", []);
            report.Add("firstload", "login page: transferred on a cold load", loginBytes, "KB", "≤ 150");
            var chatBytes = await TransferredKbAsync(browsers.Browser, $"{app.BaseUrl}/chat/{writer.UserName}", cookies);
            report.Add("firstload", "chat of 50 messages: transferred on a cold load before the circuit starts", chatBytes, "KB", "≤ 250");
            log.WriteLine($"   login {loginBytes:0.0} KB, chat {chatBytes:0.0} KB before the circuit");

            var login = () => ScoreAsync("login page", $"{app.BaseUrl}/Account/Login", [], performanceTarget: 95);
            var chat = () => ScoreAsync("chat of 50 messages", $"{app.BaseUrl}/chat/{writer.UserName}", cookies, performanceTarget: 90);
            if (options.Smoke)
            {
                // Side by side: at smoke size the scores only have to come out, and each page waits on its own browser.
                await Task.WhenAll(login(), chat());
            }
            else
            {
                await login();
                await chat();
            }

            async Task ScoreAsync(string page, string url, IReadOnlyList<Cookie> signedInCookies, int performanceTarget)
            {
                var results = new List<LighthouseResult>();
                for (var i = 0; i < runs; i++)
                {
                    var result = await Lighthouse.RunAsync(browsers.Playwright, url, signedInCookies);
                    log.WriteLine($"   {page}, Lighthouse run {i + 1}: {result}");
                    results.Add(result);
                }

                lock (report)
                {
                    var name = $"{page}: Lighthouse mobile";
                    report.Add("firstload", $"{name} performance (median of {runs})", Median(r => r.Performance), "score", $"≥ {performanceTarget}");
                    report.Add("firstload", $"{name} accessibility", Median(r => r.Accessibility), "score", page == "login page" ? "≥ 100" : null);
                    report.Add("firstload", $"{name} best practices", Median(r => r.BestPractices), "score", page == "login page" ? "≥ 95" : null);
                    report.Add("firstload", $"{name} SEO", Median(r => r.Seo), "score");
                    report.Add("firstload", $"{name} first contentful paint", Median(r => r.FirstContentfulPaintMs), "ms");
                    report.Add("firstload", $"{name} largest contentful paint", Median(r => r.LargestContentfulPaintMs), "ms", page == "login page" ? "≤ 2000" : null);
                    report.Add("firstload", $"{name} total blocking time", Median(r => r.TotalBlockingTimeMs), "ms");
                    report.Add("firstload", $"{name} layout shift", Median(r => r.LayoutShift), "CLS");
                    report.Add("firstload", $"{name} total transferred (all requests)", Median(r => r.TransferredKb), "KB");
                }

                double Median(Func<LighthouseResult, double> value) => Report.Percentile([.. results.Select(value).Order()], 50);
            }
        }
        finally
        {
            BenchSettings.Delete(data);
            Directory.Delete(published, recursive: true);
        }
    }

    private static Cookie AsCookie(BrowserContextCookiesResult c) => new()
    {
        Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
    };

    private static async Task<(GeneratedUser Reader, GeneratedUser Writer)> CreateChatAsync(string dataDirectory)
    {
        await using var services = await BenchServices.OpenAsync(dataDirectory, keep: true);
        var generator = new DataGenerator(services.Provider);
        var people = await generator.CreateUsersAsync("load", 2);
        var conversations = await generator.ConnectAsync([(people[0], people[1])]);
        var text = new TextMaker(3);
        await generator.AddMessagesAsync(conversations, 50, _ => text.Next());
        return (people[0], people[1]);
    }

    /// <summary>
    /// Bytes on the wire (headers and encoded bodies) of a cold load in a phone-sized page, counting every request made
    /// before the page opens its circuit (the first request to /_blazor); a static page has none and counts all.
    /// </summary>
    private static async Task<double> TransferredKbAsync(IBrowser browser, string url, IReadOnlyList<Cookie> cookies)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 412, Height = 823 }, IsMobile = true, HasTouch = true,
        });
        await context.AddCookiesAsync(cookies);
        var page = await context.NewPageAsync();
        var beforeCircuit = new List<IRequest>();
        var circuitStarted = false;
        page.Request += (_, request) =>
        {
            circuitStarted |= new Uri(request.Url).AbsolutePath.StartsWith("/_blazor", StringComparison.Ordinal);
            if (!circuitStarted)
            {
                beforeCircuit.Add(request);
            }
        };
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        long bytes = 0;
        foreach (var request in beforeCircuit)
        {
            if (await request.ResponseAsync() is not null)
            {
                var sizes = await request.SizesAsync();
                bytes += sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            }
        }

        return bytes / 1000.0;
    }
}
