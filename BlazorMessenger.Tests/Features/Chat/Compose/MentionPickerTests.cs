using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Compose;

/// <summary>The composer's "@" picker: the script reports the query and the steering keys; the circuit narrows and picks.</summary>
public sealed class MentionPickerTests : ChatComponentContext
{
    private static readonly ChatPeer[] Members =
        [new("id-mia", "mia", "Mia Wong", null), new("id-mike", "mike", null, null), new("id-zed", "zed", null, null)];

    [Fact]
    public async Task Typing_after_the_at_sign_narrows_the_members_and_the_arrow_keys_choose_the_one_enter_takes()
    {
        var cut = RenderComposer(canMentionAll: false);
        Assert.Empty(cut.FindAll("[role=listbox]"));

        await cut.InvokeAsync(() => cut.Instance.OnMentionQuery("mi"));

        Assert.Equal(["@mia", "@mike"], Handles(cut));
        Assert.Contains("Mia Wong", cut.Find("[role=option]").TextContent);
        Assert.Equal("true", cut.Find(".bm-composer-area").GetAttribute("data-mention-open"));
        Assert.Equal("true", cut.FindAll("[role=option]")[0].GetAttribute("aria-selected"));

        await cut.InvokeAsync(() => cut.Instance.OnMentionKey("ArrowDown"));
        Assert.Equal("true", cut.FindAll("[role=option]")[1].GetAttribute("aria-selected"));
        await cut.InvokeAsync(() => cut.Instance.OnMentionKey("ArrowDown"));
        Assert.Equal("true", cut.FindAll("[role=option]")[0].GetAttribute("aria-selected"));
        await cut.InvokeAsync(() => cut.Instance.OnMentionKey("ArrowUp"));

        // Enter takes the selected option in the browser, which then reports that the caret left the mention.
        Assert.Equal("mike", cut.Find("[role=option][aria-selected=true]").GetAttribute("data-username"));
        await cut.InvokeAsync(() => cut.Instance.OnMentionQuery(null));
        Assert.Empty(cut.FindAll("[role=listbox]"));
        Assert.Null(cut.Find(".bm-composer-area").GetAttribute("data-mention-open"));
    }

    [Fact]
    public async Task A_click_picks_escape_closes_and_everyone_is_offered_only_to_those_who_may_use_it()
    {
        var module = JSInterop.SetupModule("./Features/Chat/Compose/Composer.razor.js");
        var insert = module.SetupVoid("insertMention", _ => true);
        insert.SetVoidResult();
        var member = RenderComposer(canMentionAll: false);
        await member.InvokeAsync(() => member.Instance.OnMentionQuery("al"));
        Assert.Empty(member.FindAll("[role=option]"));

        var admin = RenderComposer(canMentionAll: true);
        await admin.InvokeAsync(() => admin.Instance.OnMentionQuery("al"));
        Assert.Equal(["@all"], Handles(admin));
        Assert.Contains("Everyone", admin.Find("[role=option]").TextContent);
        await admin.InvokeAsync(() => admin.Instance.OnMentionKey("Escape"));
        Assert.Empty(admin.FindAll("[role=option]"));

        await admin.InvokeAsync(() => admin.Instance.OnMentionQuery("z"));
        await admin.Find("[role=option]").ClickAsync(new());
        Assert.Equal("zed", insert.VerifyInvoke("insertMention").Arguments[1]);
    }

    [Fact]
    public async Task A_direct_conversation_has_no_picker()
    {
        var cut = Render<Composer>(p => p.Add(c => c.ConversationId, Bed.ConversationId).Add(c => c.UserId, Bed.Alice));

        await cut.InvokeAsync(() => cut.Instance.OnMentionQuery("b"));

        Assert.Empty(cut.FindAll("[role=listbox]"));
    }

    private static IEnumerable<string> Handles(IRenderedComponent<Composer> cut) =>
        cut.FindAll("[role=option] .bm-handle").Select(h => h.TextContent);

    private IRenderedComponent<Composer> RenderComposer(bool canMentionAll) =>
        Render<Composer>(p => p
            .Add(c => c.ConversationId, Bed.ConversationId).Add(c => c.UserId, Bed.Alice)
            .Add(c => c.Members, Members).Add(c => c.CanMentionAll, canMentionAll));
}
