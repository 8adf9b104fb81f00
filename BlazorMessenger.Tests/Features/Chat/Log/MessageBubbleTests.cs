using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Tests.Features.Chat;

public sealed class MessageBubbleTests : ChatComponentContext
{
    [Fact]
    public async Task Own_messages_have_an_actions_menu_with_edit_and_delete_and_others_messages_have_none()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "mine");
        var theirs = await Bed.SendAsync(Bed.Bob, "theirs");

        var own = RenderBubble(mine, Bed.Alice);
        var other = Render<MessageBubble>(p => p
            .Add(b => b.Message, theirs).Add(b => b.Mine, false).Add(b => b.UserId, Bed.Alice).Add(b => b.SenderName, "bob"));

        own.Find("button[aria-label='Message actions']").Click();
        var items = own.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["Edit", "Delete"], items);
        Assert.Empty(other.FindAll("button[aria-label='Message actions']"));
    }

    [Fact]
    public async Task A_message_older_than_the_edit_window_offers_only_delete()
    {
        var old = (await Bed.SendAsync(Bed.Alice, "long ago")) with { CreatedUtc = DateTime.UtcNow - MessageRules.EditWindow - TimeSpan.FromMinutes(1) };
        var cut = RenderBubble(old, Bed.Alice);

        cut.Find("button[aria-label='Message actions']").Click();

        Assert.Equal(["Delete"], cut.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()));
    }

    [Fact]
    public async Task Delete_asks_first_and_then_deletes_for_everyone()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "regrettable");
        var cut = RenderBubble(mine, Bed.Alice);

        cut.Find("button[aria-label='Message actions']").Click();
        cut.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Delete").Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete this message for everyone?", cut.Markup));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        await WaitForAsync(async () => (await Bed.Chat.GetAfterAsync(Bed.Bob, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken)).Single().IsDeleted);
    }

    [Fact]
    public async Task Cancelling_the_delete_question_keeps_the_message()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "keep me");
        var cut = RenderBubble(mine, Bed.Alice);

        cut.Find("button[aria-label='Message actions']").Click();
        cut.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Delete").Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete this message for everyone?", cut.Markup));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("Delete this message for everyone?", cut.Markup));
        Assert.False((await Bed.Chat.GetAfterAsync(Bed.Bob, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken)).Single().IsDeleted);
    }

    [Fact]
    public async Task Edit_opens_the_edit_dialog_with_the_text()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "typo hre");
        var cut = RenderBubble(mine, Bed.Alice);

        cut.Find("button[aria-label='Message actions']").Click();
        cut.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Edit").Click();

        cut.WaitForAssertion(() => Assert.Contains("Edit message", cut.Find(".mud-dialog").TextContent));
        Assert.Contains(cut.FindAll(".mud-dialog textarea, .mud-dialog input"), e => e.GetAttribute("value") == "typo hre" || e.TextContent == "typo hre");
    }

    private IRenderedComponent<IComponent> RenderBubble(ChatMessage message, string readerId) =>
        Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MessageBubble>(2);
            b.AddComponentParameter(3, nameof(MessageBubble.Message), message);
            b.AddComponentParameter(4, nameof(MessageBubble.Mine), message.SenderId == readerId);
            b.AddComponentParameter(5, nameof(MessageBubble.UserId), readerId);
            b.AddComponentParameter(6, nameof(MessageBubble.SenderName), "someone");
            b.CloseComponent();
        });

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
        }

        Assert.Fail("The condition was not met within 5 seconds.");
    }
}
