using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>
/// axe-core (the copy bundled with Deque.AxeCore) run in the page itself: WCAG 2.1 A and AA and the best practices. The
/// package's RunAxe finishes every scan in a new blank page (for cross-origin frames, which this app has none of); here
/// the script goes into each document once and axe.run answers in place, with the same rules.
/// </summary>
public static class AxeScan
{
    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly object Options = new
    {
        runOnly = new { type = "tag", values = new[] { "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice" } },
    };

    /// <summary>
    /// The violations on the page as it is now: one line each, with up to three of the elements. rule limits the scan to
    /// that one rule.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string? rule = null)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value);
        }

        var json = await page.EvaluateAsync<string>("async options => JSON.stringify((await axe.run(document, options)).violations)",
            rule is null ? Options : new { runOnly = new { type = "rule", values = new[] { rule } } });
        using var violations = JsonDocument.Parse(json);
        return [.. violations.RootElement.EnumerateArray().Select(v =>
        {
            var nodes = v.GetProperty("nodes");
            var where = nodes.EnumerateArray().Take(3).Select(n => n.GetProperty("target").ToString());
            // What axe says about the first element (for contrast: the two colours and the ratio).
            var why = nodes.EnumerateArray().First().GetProperty("any").EnumerateArray().Select(c => c.GetProperty("message").GetString()).FirstOrDefault();
            return $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {nodes.GetArrayLength()} elements) " +
                   $"{v.GetProperty("help").GetString()}: {string.Join(" | ", where)}{(why is null ? "" : $" ({why})")}";
        })];
    }
}
