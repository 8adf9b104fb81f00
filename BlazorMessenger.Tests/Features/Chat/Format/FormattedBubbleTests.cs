using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Format;

public sealed class FormattedBubbleTests : ChatComponentContext
{
    [Fact]
    public async Task The_bubble_shows_formatting_links_and_chips_and_html_as_text()
    {
        // Stored as the server stores a mention: typed "<@" is neutralized, so the token is put in directly.
        var sent = (await Bed.SendAsync(Bed.Alice, "draft")) with
        {
            Body = "**hey** <@bob-1>, see https://example.com/x <img src=x onerror=alert(1)>",
        };

        var cut = Render(b =>
        {
            b.OpenComponent<Microsoft.AspNetCore.Components.CascadingValue<SenderNames>>(0);
            b.AddComponentParameter(1, "Value", new SenderNames(_ => "alice", FormatHost.People, Bed.Bob));
            b.AddComponentParameter(2, "ChildContent", (Microsoft.AspNetCore.Components.RenderFragment)(c =>
            {
                c.OpenComponent<MessageBubble>(0);
                c.AddComponentParameter(1, nameof(MessageBubble.Message), sent);
                c.CloseComponent();
            }));
            b.CloseComponent();
        });

        var body = cut.Find(".bm-body");
        FormatHost.AssertSafe(body);
        Assert.Equal("hey", body.QuerySelector("strong")!.TextContent);
        Assert.Equal("@Bob", body.QuerySelector("span.bm-mention")!.TextContent);
        Assert.Equal("https://example.com/x", body.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("hey @Bob, see https://example.com/x <img src=x onerror=alert(1)>", body.TextContent);
    }
}
