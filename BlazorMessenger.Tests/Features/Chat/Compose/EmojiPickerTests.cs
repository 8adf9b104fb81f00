using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

public sealed class EmojiPickerTests : MudTestContext
{
    [Fact]
    public void The_picker_opens_with_categories_and_a_search_box_and_picking_reports_the_emoji()
    {
        string? picked = null;
        var cut = Render<EmojiPicker>(p => p.Add(c => c.OnPick, (string e) => picked = e));

        cut.Find("button[aria-label='Emoji']").Click();

        Assert.NotNull(cut.Find("[role=dialog][aria-label='Emoji picker']"));
        Assert.Contains(cut.FindAll(".bm-emoji-tab"), t => t.TextContent == "Smileys");
        cut.Find("button[aria-label='grinning face']").Click();
        Assert.Equal("😀", picked);
    }

    [Fact]
    public void Searching_filters_by_name()
    {
        var cut = Render<EmojiPicker>();
        cut.Find("button[aria-label='Emoji']").Click();

        cut.Find("input").Input("heart");

        var found = cut.FindAll(".bm-emoji-item").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Contains("red heart love", found);
        Assert.Contains("heart eyes", found);
        Assert.All(found, name => Assert.Contains("heart", name));
    }

    [Fact]
    public void A_picked_emoji_comes_first_under_recently_used_and_is_remembered_in_the_browser()
    {
        var cut = Render<EmojiPicker>();
        cut.Find("button[aria-label='Emoji']").Click();
        cut.FindAll(".bm-emoji-tab").Single(t => t.TextContent == "Food & drink").Click();

        cut.Find("button[aria-label='pizza']").Click();

        var recentTab = cut.FindAll(".bm-emoji-tab").First();
        Assert.Equal("Recently used", recentTab.TextContent);
        recentTab.Click();
        Assert.Equal("🍕", cut.Find(".bm-emoji-item").TextContent);
        var remembered = JSInterop.VerifyInvoke("bmEmoji.remember");
        Assert.Equal(["🍕"], (string[])remembered.Arguments.Single()!);
    }

    [Fact]
    public void Escape_closes_the_picker()
    {
        var cut = Render<EmojiPicker>();
        cut.Find("button[aria-label='Emoji']").Click();

        cut.Find(".bm-emoji").KeyDown("Escape");

        Assert.Empty(cut.FindAll("[role=dialog]"));
    }

    [Fact]
    public void Every_catalog_entry_has_a_symbol_and_a_name()
    {
        var all = EmojiCatalog.Categories.SelectMany(c => c.Items).ToList();

        Assert.True(all.Count > 250, $"Only {all.Count} emoji.");
        Assert.All(all, e => Assert.False(string.IsNullOrWhiteSpace(e.Symbol) || string.IsNullOrWhiteSpace(e.Name)));
        Assert.All(all, e => Assert.DoesNotContain(" ", e.Symbol));
    }
}
