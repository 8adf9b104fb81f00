using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

/// <summary>The composer's circuit half; its text half is the browser's script, tested in the browser flows.</summary>
public sealed class ComposerTests : ChatComponentContext
{
    [Fact]
    public void Nothing_in_the_composer_can_be_submitted_as_a_form()
    {
        var cut = RenderComposer();

        Assert.Empty(cut.FindAll("form"));
        Assert.Equal("button", cut.Find("[data-composer-send]").GetAttribute("type"));
    }

    [Fact]
    public void The_text_box_belongs_to_the_browser_the_circuit_neither_binds_nor_fills_it()
    {
        var cut = RenderComposer();
        var box = cut.Find("textarea");

        Assert.Throws<MissingEventHandlerException>(() => box.Input("typed"));
    }

    [Fact]
    public void The_browser_script_is_told_whose_composer_it_is_which_conversation_and_the_limit()
    {
        var cut = RenderComposer();
        var area = cut.Find(".bm-composer-area");

        Assert.Equal(Bed.Alice, area.GetAttribute("data-user"));
        Assert.Equal(Bed.ConversationId.ToString(), area.GetAttribute("data-conversation"));
        Assert.Equal(MessageRules.MaxLength.ToString(), area.GetAttribute("data-max-length"));
        Assert.Equal("false", area.GetAttribute("data-attachment"));
    }

    [Fact]
    public void The_text_box_and_the_button_have_accessible_names()
    {
        var cut = RenderComposer();

        Assert.Equal("Message", cut.Find("textarea").GetAttribute("aria-label"));
        Assert.Contains("Send", cut.Find("[data-composer-send]").TextContent);
    }

    [Fact]
    public async Task Send_with_no_image_attached_sends_nothing_from_the_circuit()
    {
        var cut = RenderComposer();

        var sent = await cut.InvokeAsync(() => cut.Instance.SendAttachmentAsync("a caption"));

        Assert.False(sent);
        Assert.Empty(await Bed.Chat.GetAfterAsync(Bed.Alice, Bed.ConversationId, 0, Xunit.TestContext.Current.CancellationToken));
    }

    private IRenderedComponent<Composer> RenderComposer() =>
        Render<Composer>(p => p.Add(c => c.ConversationId, Bed.ConversationId).Add(c => c.UserId, Bed.Alice));
}
