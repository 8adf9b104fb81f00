using System.Diagnostics;
using BlazorMessenger.Features.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// A conversation with HistoryMessages messages: the server's open-and-first-page query, a click in the conversation
/// list to the newest message rendered in the browser, and scrolling back one page to the older page rendered.
/// </summary>
public static class HistoryScenario
{
    /// <summary>Clicks a link and answers the milliseconds until the log shows the message with the given Seq.</summary>
    public const string ClickAndWait = """
        ([selector, seq]) => new Promise((resolve, reject) => {
            const target = `[role=log] [data-seq="${seq}"]`;
            setTimeout(() => reject(new Error(`${target} did not appear within 10 s of clicking ${selector}`)), 10000);
            const started = performance.now();
            const observer = new MutationObserver(() => {
                if (document.querySelector(target)) { observer.disconnect(); resolve(performance.now() - started); }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            document.querySelector(selector).click();
        })
        """;

    private const string ScrollBackAndWait = """
        async () => {
            const log = document.querySelector('[role=log]');
            const frame = () => new Promise(r => requestAnimationFrame(r));
            // Start from a settled reader: below the top (the last page's position kept) and not moving for 5 frames.
            let last = -1, still = 0;
            for (let i = 0; i < 600 && still < 5; i++) {
                await frame();
                still = log.scrollTop >= 250 && log.scrollTop === last ? still + 1 : 0;
                last = log.scrollTop;
            }
            // The log keeps a window of messages (the newest go as older ones come): the oldest one shown tells.
            const oldest = () => Number(log.querySelector(':scope > [data-seq]')?.dataset.seq ?? Infinity);
            const before = oldest();
            return await new Promise((resolve, reject) => {
                setTimeout(() => reject(new Error(`no older page within 10 s of scrolling to the top ` +
                    `(oldest ${before}, scrollTop ${log.scrollTop} of ${log.scrollHeight})`)), 10000);
                const started = performance.now();
                const observer = new MutationObserver(() => {
                    if (oldest() < before) { observer.disconnect(); resolve(performance.now() - started); }
                });
                observer.observe(log, { childList: true, subtree: true });
                log.scrollTop = 0;
            });
        }
        """;

    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var generator = new DataGenerator(app.Services);
        var people = await generator.CreateUsersAsync("hist", 3);
        var (reader, big, small) = (people[0], people[1], people[2]);
        var conversations = await generator.ConnectAsync([(reader, big), (reader, small)]);
        var text = new TextMaker(1);
        await generator.AddMessagesAsync([conversations[0]], options.HistoryMessages, _ => text.Next());
        await generator.AddMessagesAsync([conversations[1]], 30, _ => text.Next());

        var chat = app.Services.GetRequiredService<ChatService>();
        var server = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var open = await chat.OpenDirectAsync(reader.Id, big.UserName);
            await chat.GetPageAsync(reader.Id, open!.Id, null);
            server.Add(BenchmarkRunner.Ms(started));
        }

        report.AddPercentiles("history", $"server: open + newest page of {options.HistoryMessages:N0}", server.Skip(10).ToList(), "ms");

        await using var context = await browsers.LogInAsync(app.BaseUrl, reader.UserName);
        var page = await Browsers.OpenAsync(context, $"/chat/{small.UserName}");
        var bigLink = $"a[data-username=\"{big.UserName}\"]";
        var smallLink = $"a[data-username=\"{small.UserName}\"]";
        var opens = new List<double>();
        for (var i = 0; i < options.HistoryOpens + 3; i++)
        {
            var ms = await page.EvaluateAsync<double>(ClickAndWait, new object[] { bigLink, options.HistoryMessages });
            if (i >= 3)
            {
                opens.Add(ms);
            }

            await page.EvaluateAsync<double>(ClickAndWait, new object[] { smallLink, 30 });
        }

        report.AddPercentiles("history", "browser: click to newest message rendered", opens, "ms", null, null, "≤ 250");

        await page.EvaluateAsync<double>(ClickAndWait, new object[] { bigLink, options.HistoryMessages });
        await page.Locator(".bm-log[data-ready]").WaitForAsync();
        var scrolls = new List<double>();
        for (var i = 0; i < options.HistoryScrollPages; i++)
        {
            scrolls.Add(await page.EvaluateAsync<double>(ScrollBackAndWait));
            await Task.Delay(100);
        }

        report.AddPercentiles("history", "browser: scroll to top to older page rendered", scrolls, "ms", null, null, "≤ 100");
        log.WriteLine($"   {opens.Count} opens, {scrolls.Count} pages scrolled back");
        await page.CloseAsync();
    }
}
