using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Hooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// Incoming webhooks. Latency: a member's open group chat posts to the group's webhooks itself (fetch, as curl would)
/// and times the post to its message appearing in its own log (a MutationObserver), on the page's clock; five webhooks
/// in turn keep each within its pace of one a second. Load: 1,000 webhooks (ten in each of 100 groups, each at its
/// default pace of one a second) post 1,000 times a second, open loop; every post answered "ok" must be stored.
/// </summary>
public static class HookScenario
{
    private const string Probe = """
        () => {
            window.__posted = {}; window.__shown = {};
            new MutationObserver(records => {
                const now = performance.now();
                for (const r of records) r.addedNodes.forEach(node => {
                    if (node.nodeType !== 1) return;
                    for (const b of node.matches('.bm-body') ? [node] : node.querySelectorAll('.bm-body')) {
                        const m = /^hook-(\S+)$/.exec(b.textContent.trim());
                        if (m && !(m[1] in window.__shown)) window.__shown[m[1]] = now;
                    }
                });
            }).observe(document.querySelector('[role=log]'), { childList: true, subtree: true });
        }
        """;

    private const string Post = """
        ([url, key]) => {
            window.__posted[key] = performance.now();
            fetch(url, { method: 'POST', body: JSON.stringify({ text: 'hook-' + key }) });
        }
        """;

    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        await LatencyAsync(options, report, log, app, browsers);
        await LoadAsync(options, report, log, app);
    }

    private static async Task LatencyAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var people = await new DataGenerator(app.Services).CreateUsersAsync("hookbench", 2);
        var groupId = Check(await app.Services.GetRequiredService<GroupService>().CreateAsync(people[0].Id, "Alerts", [people[1].UserName]));
        var urls = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            urls.Add(app.BaseUrl.TrimEnd('/') + "/" + Check(await app.Services.GetRequiredService<HookService>().CreateAsync(people[0].Id, groupId, $"Hook {i}")).Path);
        }

        await using var context = await browsers.LogInAsync(app.BaseUrl, people[1].UserName);
        var page = await Browsers.OpenAsync(context, $"/group/{groupId}");
        await page.EvaluateAsync(Probe);

        var samples = new List<double>();
        var count = options.Smoke ? 5 : Math.Min(options.LatencyMessages, 200);
        for (var i = -3; i < count; i++)
        {
            var key = $"{i + 3}";
            await page.EvaluateAsync(Post, new object[] { urls[(i + 3) % urls.Count], key });
            await page.WaitForFunctionAsync("k => k in window.__shown", key, new() { Timeout = 30_000 });
            if (i >= 0)
            {
                samples.Add(await page.EvaluateAsync<double>("k => window.__shown[k] - window.__posted[k]", key));
            }

            await Task.Delay(250);
        }

        log.WriteLine($"   {samples.Count} posts from a member's page to its own open chat");
        report.AddPercentiles("hooks", "webhook post to the message rendered at a member's open chat", samples, "ms", null, null, "≤ 50");
    }

    private static async Task LoadAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app)
    {
        // Smoke sizes check the path, not the figure: a tenth of the webhooks and the pace.
        const int hooksPerGroup = 10;
        var (groups, perSecond, seconds) = options.Smoke ? (10, 100, 2) : (100, 1000, 10);
        // A team per group (one person makes one group: group creation has its own limit), and one person in all of them.
        var people = await new DataGenerator(app.Services).CreateUsersAsync("hookload", groups + 1);
        var groupService = app.Services.GetRequiredService<GroupService>();
        var hooks = app.Services.GetRequiredService<HookService>();
        var urls = new List<string>();
        for (var g = 0; g < groups; g++)
        {
            var groupId = Check(await groupService.CreateAsync(people[g + 1].Id, $"Monitoring {g}", [people[0].UserName]));
            for (var h = 0; h < hooksPerGroup; h++)
            {
                urls.Add(app.BaseUrl.TrimEnd('/') + "/" + Check(await hooks.CreateAsync(people[g + 1].Id, groupId, $"Service {g}.{h}")).Path);
            }
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(30) };
        var answers = new ConcurrentBag<(HttpStatusCode Status, double Ms)>();
        var posts = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = perSecond * seconds;
        for (var i = 0; i < total; i++)
        {
            // Open loop: the i-th post leaves at i milliseconds, whether or not the earlier ones were answered.
            var due = TimeSpan.FromSeconds(i / (double)perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            posts.Add(PostAsync(http, urls[i % urls.Count], $"load {i}", answers));
        }

        var sending = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(posts);
        var elapsed = clock.Elapsed.TotalSeconds;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        var stored = await db.Messages.CountAsync(m => m.Body.StartsWith("load ") && db.Webhooks.Any(h => h.UserId == m.SenderId));
        var ok = answers.Count(a => a.Status == HttpStatusCode.OK);
        var refused = answers.Where(a => a.Status != HttpStatusCode.OK).GroupBy(a => a.Status).Select(g => $"{(int)g.Key}×{g.Count()}");
        log.WriteLine($"   {total} posts sent in {sending:0.0} s from {urls.Count} webhooks, all answered in {elapsed:0.0} s: {ok} ok, {stored} stored; other answers: {string.Join(", ", refused)}");
        report.Add("hooks", $"posts a second offered ({urls.Count:N0} webhooks, open loop)", total / sending, "posts/s", options.Smoke ? null : "≥ 1,000");
        report.Add("hooks", "last answer after the last post was sent", (elapsed - sending) * 1000, "ms");
        report.Add("hooks", "posts answered ok", ok, "posts", $"= {total}");
        report.Add("hooks", "posts answered ok and not stored (lost)", ok - stored, "posts", "= 0");
        report.AddPercentiles("hooks", $"webhook post answered, under {perSecond:N0} posts a second", answers.Select(a => a.Ms).ToList(), "ms", null, null, null);
    }

    private static async Task PostAsync(HttpClient http, string url, string text, ConcurrentBag<(HttpStatusCode, double)> answers)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent($$"""{"text":"{{text}}"}""");
        try
        {
            using var answer = await http.PostAsync(url, content);
            answers.Add((answer.StatusCode, BenchmarkRunner.Ms(started)));
        }
        catch (HttpRequestException)
        {
            answers.Add((0, BenchmarkRunner.Ms(started)));
        }
    }

    private static T Check<T>(BlazorMessenger.Features.Shared.ServiceResult<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Error);
}
