using Microsoft.AspNetCore.Components;

namespace BlazorMessenger.Features.Bots;

/// <summary>
/// Marks a bot wherever its name shows, so nobody takes it for a person: one shared piece of markup (lists and bubbles
/// keep one per row), in the text's own colour so it reads wherever the name does.
/// </summary>
public static class BotBadge
{
    // The space keeps the name and the badge two words for a screen reader ("Echo bot", not "Echobot").
    public static readonly MarkupString Markup = new(" <span class=\"bm-bot-badge\">bot</span>");

    /// <summary>An incoming webhook's post ("app", as Slack marks them).</summary>
    public static readonly MarkupString App = new(" <span class=\"bm-bot-badge\">app</span>");
}
