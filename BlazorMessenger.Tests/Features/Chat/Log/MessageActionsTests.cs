using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>The log's one actions menu, opened for one message at a time.</summary>
public sealed class MessageActionsTests : ChatComponentContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Own_messages_offer_edit_and_delete_and_others_messages_delete_for_me_and_a_report()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "mine");
        var theirs = await Bed.SendAsync(Bed.Bob, "theirs");
        var (cut, actions) = RenderActions(Bed.Alice);

        await cut.InvokeAsync(() => actions.OpenAsync(mine, true, "Alice"));
        Assert.Equal(["Reply", "Forward", "Pin", "Copy text", "Edit", "Delete"], Items(cut));
        Assert.Equal(6, cut.FindAll(".bm-quick-reaction").Count);

        await cut.InvokeAsync(() => actions.OpenAsync(theirs, false, "bob"));
        Assert.Equal(["Reply", "Forward", "Pin", "Copy text", "Delete", "Report"], Items(cut));
    }

    [Fact]
    public async Task A_message_older_than_the_edit_window_is_not_offered_for_editing()
    {
        var old = (await Bed.SendAsync(Bed.Alice, "long ago")) with { CreatedUtc = DateTime.UtcNow - MessageRules.EditWindow - TimeSpan.FromMinutes(1) };
        var (cut, actions) = RenderActions(Bed.Alice);

        await cut.InvokeAsync(() => actions.OpenAsync(old, true, "Alice"));

        Assert.DoesNotContain("Edit", Items(cut));
        Assert.Contains("Delete", Items(cut));
    }

    [Fact]
    public async Task Delete_asks_first_and_then_deletes_for_everyone_or_for_me()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "regrettable");
        var (cut, actions) = RenderActions(Bed.Alice);

        await cut.InvokeAsync(() => actions.OpenAsync(mine, true, "Alice"));
        Item(cut, "Delete").Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete this message for everyone, or only for you?", cut.Markup));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete for everyone").Click();

        await WaitForAsync(async () => (await Bed.Chat.GetAfterAsync(Bed.Bob, Bed.ConversationId, 0, Ct)).Single().IsDeleted);
        Assert.Empty(cut.FindAll("[role=menu]"));

        var theirs = await Bed.SendAsync(Bed.Bob, "theirs");
        await cut.InvokeAsync(() => actions.OpenAsync(theirs, false, "bob"));
        Item(cut, "Delete").Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete this message for you? The others keep it.", cut.Markup));
        Assert.DoesNotContain(cut.FindAll(".mud-dialog button"), b => b.TextContent.Trim() == "Delete for everyone");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete for me").Click();

        await WaitForAsync(async () => (await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Ct)).All(m => m.Id != theirs.Id));
        Assert.Contains((await Bed.Chat.GetAfterAsync(Bed.Bob, Bed.ConversationId, 0, Ct)), m => m.Id == theirs.Id && !m.IsDeleted);
    }

    [Fact]
    public async Task Cancelling_the_delete_question_keeps_the_message()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "keep me");
        var (cut, actions) = RenderActions(Bed.Alice);

        await cut.InvokeAsync(() => actions.OpenAsync(mine, true, "Alice"));
        Item(cut, "Delete").Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete this message for everyone, or only for you?", cut.Markup));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain("Delete this message for everyone, or only for you?", cut.Markup));
        Assert.False((await Bed.Chat.GetAfterAsync(Bed.Bob, Bed.ConversationId, 0, Ct)).Single().IsDeleted);
    }

    [Fact]
    public async Task Edit_hands_the_message_to_the_page_for_its_composer()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "typo hre");
        ChatMessage? edited = null;
        var (cut, actions) = RenderActions(Bed.Alice, onEdit: m => edited = m);

        await cut.InvokeAsync(() => actions.OpenAsync(mine, true, "Alice"));
        Item(cut, "Edit").Click();

        Assert.Equal(mine.Id, edited?.Id);
        Assert.Empty(cut.FindAll("[role=menu]"));
        Assert.Empty(cut.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task A_quick_reaction_is_given_and_shown_as_given_when_the_menu_opens_again()
    {
        var theirs = await Bed.SendAsync(Bed.Bob, "lunch?");
        var (cut, actions) = RenderActions(Bed.Alice);

        await cut.InvokeAsync(() => actions.OpenAsync(theirs, false, "bob"));
        cut.Find("[aria-label='React with 👍']").Click();

        await WaitForAsync(async () => (await Bed.Chat.GetAfterAsync(Bed.Bob, Bed.ConversationId, 0, Ct)).Single().Reactions is [{ Emoji: "👍" }]);
        var reacted = (await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Ct)).Single();
        await cut.InvokeAsync(() => actions.OpenAsync(reacted, false, "bob"));
        Assert.Contains("bm-given", cut.Find("[aria-label='React with 👍 (given)']").ClassName);
    }

    [Fact]
    public async Task Reply_hands_the_message_to_the_page()
    {
        var theirs = await Bed.SendAsync(Bed.Bob, "question");
        ChatMessage? replied = null;
        var (cut, actions) = RenderActions(Bed.Alice, m => replied = m);

        await cut.InvokeAsync(() => actions.OpenAsync(theirs, false, "bob"));
        Item(cut, "Reply").Click();

        Assert.Equal(theirs.Id, replied?.Id);
        Assert.Empty(cut.FindAll("[role=menu]"));
    }

    [Fact]
    public async Task Without_the_right_to_pin_the_menu_does_not_offer_it()
    {
        var theirs = await Bed.SendAsync(Bed.Bob, "hello");
        var (cut, actions) = RenderActions(Bed.Alice, canPin: false);

        await cut.InvokeAsync(() => actions.OpenAsync(theirs, false, "bob"));

        Assert.DoesNotContain("Pin", Items(cut));
    }

    private static List<string> Items(IRenderedComponent<IComponent> cut) =>
        [.. cut.FindAll(".bm-action").Select(i => i.TextContent.Trim())];

    private static AngleSharp.Dom.IElement Item(IRenderedComponent<IComponent> cut, string name) =>
        cut.FindAll(".bm-action").Single(i => i.TextContent.Trim() == name);

    private (IRenderedComponent<IComponent> Cut, MessageActions Actions) RenderActions(
        string readerId, Action<ChatMessage>? onReply = null, bool canPin = true, Action<ChatMessage>? onEdit = null)
    {
        MessageActions? actions = null;
        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MessageActions>(2);
            b.AddComponentParameter(3, nameof(MessageActions.UserId), readerId);
            b.AddComponentParameter(4, nameof(MessageActions.CanPin), canPin);
            b.AddComponentParameter(5, nameof(MessageActions.OnReply), EventCallback.Factory.Create<ChatMessage>(this, m => onReply?.Invoke(m)));
            b.AddComponentParameter(6, nameof(MessageActions.OnEdit), EventCallback.Factory.Create<ChatMessage>(this, m => onEdit?.Invoke(m)));
            b.AddComponentReferenceCapture(7, r => actions = (MessageActions)r);
            b.CloseComponent();
        });
        return (cut, actions!);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("The condition was not met within 5 seconds.");
    }
}
