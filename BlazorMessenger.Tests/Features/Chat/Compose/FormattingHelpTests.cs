using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

public sealed class FormattingHelpTests : MudTestContext
{
    [Fact]
    public void The_help_opens_from_its_button_lists_the_syntax_and_closes_with_escape()
    {
        var closed = false;
        var cut = Render<FormattingHelp>(p => p.Add(c => c.OnClose, () => closed = true));
        var button = cut.Find("button[aria-label='Formatting help']");
        Assert.Empty(cut.FindAll("[role=dialog]"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));

        button.Click();

        var panel = cut.Find("[role=dialog][aria-label='Formatting']");
        Assert.Equal("true", cut.Find("button[aria-label='Formatting help']").GetAttribute("aria-expanded"));
        Assert.Equal(
            ["*italic*", "**bold**", "~~strike~~", "`code`", "```\ncode block\n```", "> quote", "- list", "https://…"],
            panel.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal(["italic", "bold", "strike", "code"], new[] { "em", "strong", "del", "code" }.Select(t => panel.QuerySelector($"dd {t}")!.TextContent));

        cut.Find(".bm-format-help").KeyDown("Escape");

        Assert.Empty(cut.FindAll("[role=dialog]"));
        Assert.True(closed);
    }
}
