using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat;

public sealed class ConversationListTests : MudTestContext
{
    [Fact]
    public void Without_conversations_it_is_a_named_navigation_landmark_with_an_empty_state()
    {
        var cut = Render<ConversationList>();

        var nav = cut.Find("nav");
        Assert.Equal("Conversations", nav.GetAttribute("aria-label"));
        Assert.Contains("No conversations yet", nav.TextContent);
        Assert.Contains("Add a contact to start chatting.", nav.TextContent);
    }
}
