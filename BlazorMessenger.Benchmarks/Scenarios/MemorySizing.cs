using Microsoft.Playwright;

namespace BlazorMessenger.Benchmarks;

/// <summary>
/// The terms of README's sizing formula besides whole circuits: what each rendered message adds to an open chat (up to
/// Messenger:Messages:RenderWindow), and what each conversation in the list adds to every tab.
/// </summary>
public static class MemorySizing
{
    public static async Task RunAsync(BenchmarkOptions options, Report report, BenchApp app, Browsers browsers)
    {
        var generator = new DataGenerator(app.Services);
        var people = await generator.CreateUsersAsync("size", 2 + Rows);
        var text = new TextMaker(3);
        await generator.AddMessagesAsync(await generator.ConnectAsync([(people[0], people[1])]), 150, _ => text.Next());
        await using var context = await browsers.LogInAsync(app.BaseUrl, people[0].UserName);
        var tabs = options.TabCounts[0];

        var chats = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            chats.Add(await CircuitMemoryScenario.OpenFilledChatAsync(context, $"/chat/{people[1].UserName}"));
        }

        var (fifty, _) = CircuitMemoryScenario.Measure(options, "8-fifty");
        foreach (var page in chats)
        {
            // One page up: the log then holds 100 messages.
            await page.Locator("[role=log]").EvaluateAsync("log => log.scrollTop = 0");
            await page.Locator("[role=log] .bm-msg").Nth(99).WaitForAsync();
        }

        var (hundred, _) = CircuitMemoryScenario.Measure(options, "9-hundred");
        report.Add("memory", $"managed heap per rendered message (50 → 100 in each of {tabs} chats)", (hundred - fifty) / tabs / 50 * 1024, "KB");
        await CircuitMemoryScenario.CloseAllAsync(options, chats);

        var oneRow = await ShellsAsync(options, context, tabs, "10-one-row");
        await generator.AddMessagesAsync(await generator.ConnectAsync(people.Skip(2).Select(p => (people[0], p))), Rows, _ => text.Next());
        var manyRows = await ShellsAsync(options, context, tabs, "11-many-rows");
        report.Add("memory", $"managed heap per conversation in the list ({1 + Rows} rather than 1, {tabs} tabs)", (manyRows - oneRow) / tabs / Rows * 1024, "KB");
    }

    private const int Rows = 20;

    private static async Task<double> ShellsAsync(BenchmarkOptions options, IBrowserContext context, int tabs, string label)
    {
        var (before, _) = CircuitMemoryScenario.Measure(options, label + "-before");
        var shells = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            shells.Add(await Browsers.OpenAsync(context, "/"));
        }

        await Task.Delay(options.Settle);
        var (heap, _) = CircuitMemoryScenario.Measure(options, label);
        await CircuitMemoryScenario.CloseAllAsync(options, shells);
        return heap - before;
    }
}
