using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Contacts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telegram.Bot;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// A long-polling bot's round trip: from the person's Enter key (a capturing keydown listener) to the bot's answer
/// appearing in their own log (a MutationObserver), both read on the page's clock. The bot is Telegram.Bot (NuGet),
/// unmodified, in this process: getUpdates with a 50 s timeout, then sendMessage, as an echo bot does. A message a
/// second, the pace a bot may answer into one chat (a quicker pace measures the 429 and Telegram.Bot's wait instead).
/// </summary>
public static class BotScenario
{
    private const string Probe = """
        () => {
            window.__sent = {}; window.__answered = {};
            document.addEventListener('keydown', e => {
                if (e.key !== 'Enter' || e.shiftKey || !e.target.matches('textarea.bm-composer-input')) return;
                const m = /^bench-(\S+)$/.exec(e.target.value.trim());
                if (m) window.__sent[m[1]] = performance.now();
            }, true);
            const log = document.querySelector('[role=log]');
            new MutationObserver(records => {
                const now = performance.now();
                for (const r of records) r.addedNodes.forEach(node => {
                    if (node.nodeType !== 1) return;
                    for (const b of node.matches('.bm-body') ? [node] : node.querySelectorAll('.bm-body')) {
                        const m = /^re: bench-(\S+)$/.exec(b.textContent.trim());
                        if (m && !(m[1] in window.__answered)) window.__answered[m[1]] = now;
                    }
                });
            }).observe(log, { childList: true, subtree: true });
        }
        """;

    public static async Task RunAsync(BenchmarkOptions options, Report report, TextWriter log, BenchApp app, Browsers browsers)
    {
        var person = (await new DataGenerator(app.Services).CreateUsersAsync("botbench", 1))[0];
        var made = await app.Services.GetRequiredService<BotService>().CreateAsync(person.Id, "Echo", $"b{Guid.NewGuid():N}"[..20] + "_bot");
        var bot = made.Value ?? throw new InvalidOperationException(made.Error);
        var added = await app.Services.GetRequiredService<ContactService>().AddAsync(person.Id, bot.Bot.UserName);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException(added.Error);
        }

        using var stop = new CancellationTokenSource();
        var client = new TelegramBotClient(new TelegramBotClientOptions(bot.Token, app.BaseUrl));
        var echo = EchoAsync(client, stop.Token);
        await using var context = await browsers.LogInAsync(app.BaseUrl, person.UserName);
        var page = await Browsers.OpenChatAsync(context, bot.Bot.UserName);
        await page.EvaluateAsync(Probe);
        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

        var samples = new List<double>();
        var count = options.Smoke ? 3 : Math.Min(options.LatencyMessages, 100);
        for (var i = -3; i < count; i++)
        {
            var key = $"bot-{i + 3}";
            await box.FillAsync($"bench-{key}");
            await box.PressAsync("Enter");
            await page.WaitForFunctionAsync("k => k in window.__answered", key, new() { Timeout = 30_000 });
            if (i >= 0)
            {
                samples.Add(await page.EvaluateAsync<double>("k => window.__answered[k] - window.__sent[k]", key));
            }

            // One message a second at most: a bot may answer into one chat about once a second (Telegram's limit, kept here).
            await Task.Delay(options.Smoke ? 1000 : 1100);
        }

        await stop.CancelAsync();
        await echo;
        log.WriteLine($"   {samples.Count} round trips through a long-polling Telegram.Bot echo bot");
        report.AddPercentiles("bots", "person's Enter to the bot's answer rendered (long polling)", samples, "ms", null, null, "≤ 100");
    }

    /// <summary>The echo bot: answers "re: {text}" to every message it hears.</summary>
    private static async Task EchoAsync(TelegramBotClient client, CancellationToken ct)
    {
        var offset = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                foreach (var update in await client.GetUpdates(offset, timeout: 50, cancellationToken: ct))
                {
                    offset = update.Id + 1;
                    if (update.Message is { Text: { } text } message)
                    {
                        await client.SendMessage(message.Chat.Id, $"re: {text}", cancellationToken: ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
